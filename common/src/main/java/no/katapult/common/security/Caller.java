package no.katapult.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Locale;
import java.util.Optional;

/**
 * Who is calling, read from the validated token only: ownership never comes from a request body.
 * The claims of the API guide: {@code org_no} on sme, applicant and reviewer users, {@code centre_code}
 * on centre operators; {@code email} and {@code locale} where the identity provider has them.
 */
@RequestScoped
public class Caller {

    /** Bokmål: the programme's language, used when a token names no locale. */
    public static final Locale DEFAULT_LOCALE = Locale.forLanguageTag("nb");

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public boolean isAnonymous() {
        return identity.isAnonymous();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean isAdmin() {
        return has(Roles.ADMIN);
    }

    /** The token's subject: stable across username changes, so it scopes what a caller owns. */
    public String subject() {
        String sub = isAnonymous() ? null : jwt.getSubject();
        return sub != null ? sub : username();
    }

    /** The preferred username, else the principal's name; "anonymous" without a token. */
    public String username() {
        if (isAnonymous()) {
            return "anonymous";
        }
        return claim("preferred_username").orElseGet(() -> identity.getPrincipal().getName());
    }

    /** The caller's organisation: present only when the claim is a valid organisation number (MOD11). */
    public Optional<String> orgNo() {
        return claim("org_no").filter(OrgNumbers::isValid);
    }

    /** The organisation the caller acts for; 403 when the token has none, since it cannot own anything. */
    public String requireOrgNo() {
        return orgNo().orElseThrow(() -> ProblemException.forbidden(
                "The token carries no valid org_no claim, so it cannot act for an organisation"));
    }

    /** The code of the centre or node an operator staffs. */
    public Optional<String> centreCode() {
        return claim("centre_code");
    }

    /** True for siva-admin, and for an operator whose centre_code is {@code centreCode}. */
    public boolean staffs(String centreCode) {
        return isAdmin() || (has(Roles.OPERATOR) && centreCode != null && centreCode().filter(centreCode::equals).isPresent());
    }

    public Optional<String> email() {
        return claim("email").filter(e -> e.contains("@"));
    }

    /** The token's {@code locale} claim (e.g. "en", "nb"); bokmål when absent. */
    public Locale locale() {
        return claim("locale").map(Locale::forLanguageTag).filter(l -> !l.getLanguage().isEmpty())
                .orElse(DEFAULT_LOCALE);
    }

    /** The bearer token as received, for calling another service on the caller's behalf. */
    public Optional<String> rawToken() {
        return isAnonymous() ? Optional.empty() : Optional.ofNullable(jwt.getRawToken());
    }

    private Optional<String> claim(String name) {
        if (isAnonymous()) {
            return Optional.empty();
        }
        Object value = jwt.getClaim(name);
        String s = value instanceof JsonString js ? js.getString() : value == null ? null : value.toString();
        if (s == null) {
            return Optional.empty();
        }
        s = s.strip();
        // A JSON string claim may come back quoted, depending on how the claim was typed.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
}

package no.katapult.application.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling, read from the validated token: username, roles and the org_no claim. */
@RequestScoped
public class Caller {

    public static final String APPLICANT = "applicant";
    public static final String REVIEWER = "reviewer";
    public static final String ADMIN = "siva-admin";
    public static final String PARTNER = "partner";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public String username() {
        Object preferred = jwt.getClaim("preferred_username");
        if (preferred != null && !preferred.toString().isBlank()) {
            return preferred.toString();
        }
        return identity.getPrincipal().getName();
    }

    /** The subject, stable across username changes; used to scope Idempotency-Keys. */
    public String subject() {
        String sub = jwt.getSubject();
        return sub == null ? username() : sub;
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean isAdmin() {
        return has(ADMIN);
    }

    /** The caller's organisation, only when the claim is a valid organisation number. */
    public Optional<String> orgNo() {
        Object claim = jwt.getClaim("org_no");
        if (claim == null) {
            return Optional.empty();
        }
        String value = claim.toString().trim();
        return OrgNumbers.isValid(value) ? Optional.of(value) : Optional.empty();
    }

    /** The org_no an applicant acts for; without one the token cannot own applications. */
    public String requireOrgNo() {
        return orgNo().orElseThrow(() -> ProblemException.forbidden(
                "The token carries no valid org_no claim, so it cannot act for an organisation"));
    }

    /** The raw bearer token, forwarded when this service reads another service on the caller's behalf. */
    public String rawToken() {
        return jwt.getRawToken();
    }
}

package no.katapult.booking.caller;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the validated token only: ownership never comes from a request body. */
@RequestScoped
public class Caller {

    public static final String SME = "sme";
    public static final String OPERATOR = "centre-operator";
    public static final String ADMIN = "siva-admin";
    public static final String PARTNER = "partner";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public String orgNo() {
        return claim("org_no");
    }

    public String centreCode() {
        return claim("centre_code");
    }

    public String username() {
        String name = claim("preferred_username");
        return name != null ? name : jwt.getSubject();
    }

    /** Scope of Idempotency-Keys: one caller's keys never collide with another's. */
    public String subject() {
        String sub = jwt.getSubject();
        return sub != null ? sub : username();
    }

    public String rawToken() {
        return jwt.getRawToken();
    }

    private String claim(String name) {
        Object value = jwt.getClaim(name);
        if (value == null) {
            return null;
        }
        String s = value.toString();
        // A JSON string claim may come back quoted, depending on the claim's type.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.isBlank() ? null : s;
    }
}

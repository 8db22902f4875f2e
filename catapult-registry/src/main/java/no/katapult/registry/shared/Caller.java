package no.katapult.registry.shared;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The authenticated caller: roles and the ownership claims of the API guide. */
@RequestScoped
public class Caller {

    public static final String ADMIN = "siva-admin";
    public static final String OPERATOR = "centre-operator";
    public static final String PARTNER = "partner";
    public static final String SME = "sme";
    public static final String APPLICANT = "applicant";
    public static final String REVIEWER = "reviewer";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public String orgNo() {
        return claim("org_no");
    }

    public String centreCode() {
        return claim("centre_code");
    }

    /** Catalogue writes: siva-admin anywhere, a centre-operator only at the centre of its claim. */
    public void requireCentreWriter(String centreCode) {
        if (hasRole(ADMIN)) {
            return;
        }
        if (hasRole(OPERATOR) && centreCode != null && centreCode.equals(centreCode())) {
            return;
        }
        throw ProblemException.forbidden("Only siva-admin or an operator of centre '" + centreCode
                + "' may change its catalogue");
    }

    private String claim(String name) {
        if (identity.isAnonymous()) {
            return null;
        }
        Object value = jwt.getClaim(name);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }
}

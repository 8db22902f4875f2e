package no.katapult.common.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;

/**
 * The token checks every service must pass, written once: a service's {@code @QuarkusTest} extends
 * this and names one endpoint that needs a token. Each bad token is a 401 problem.
 */
public abstract class RejectedTokenTests {

    /** A GET path of the service that requires an authenticated caller. */
    protected abstract String protectedPath();

    private TestTokens.Builder anna() {
        return TestTokens.user("sme-anna", "sme").orgNo("910000012");
    }

    @Test
    void expiredTokenIs401Problem() {
        assertProblem(given().auth().oauth2(anna().expired().sign()).get(protectedPath()).andReturn(), 401);
    }

    @Test
    void tokenSignedByAnotherKeyIs401Problem() {
        assertProblem(given().auth().oauth2(anna().signWithForeignKey()).get(protectedPath()).andReturn(), 401);
    }

    @Test
    void tokenFromAnotherIssuerIs401Problem() {
        String token = anna().issuer("https://evil.example.com").sign();
        assertProblem(given().auth().oauth2(token).get(protectedPath()).andReturn(), 401);
    }

    @Test
    void tokenForAnotherAudienceIs401Problem() {
        String token = anna().audience("someone-else").sign();
        assertProblem(given().auth().oauth2(token).get(protectedPath()).andReturn(), 401);
    }
}

package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.TestTokens;
import no.katapult.gateway.Stubs;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad tokens stop at the gateway; good tokens and anonymous requests go on to the services. */
@QuarkusTest
class EdgeSecurityTest {

    static final String PATH = "/api/v1/organisations/910000012";

    @Test
    void forgedTokenIs401AtTheGatewayAndNeverReachesTheService() {
        Stubs registry = Stubs.of("catapult-registry");
        int before = registry.hits();
        String forged = TestTokens.user("sme-anna", "sme").orgNo("910000012").signWithForeignKey();
        assertProblem(given().auth().oauth2(forged).get(PATH).andReturn(), 401, "unauthorized");
        assertProblem(given().auth().oauth2(forged).contentType("application/json").body("{}").put(PATH).andReturn(),
                401, "unauthorized");
        assertEquals(before, registry.hits(), "the service must not see a forged token");
    }

    @Test
    void expiredOtherIssuerAndOtherAudienceTokensAre401() {
        assertProblem(given().auth().oauth2(TestTokens.user("a", "sme").expired().sign()).get(PATH).andReturn(), 401);
        assertProblem(given().auth().oauth2(TestTokens.user("a", "sme").issuer("https://evil.example.com").sign())
                .get(PATH).andReturn(), 401);
        assertProblem(given().auth().oauth2(TestTokens.user("a", "sme").audience("someone-else").sign())
                .get(PATH).andReturn(), 401);
        assertProblem(given().header("Authorization", "Bearer not-a-jwt").get(PATH).andReturn(), 401);
    }

    @Test
    void validTokenIsForwardedUnchanged() {
        String token = TestTokens.admin();
        given().auth().oauth2(token).get(PATH).then().statusCode(200)
                .body("headers.authorization", equalTo("Bearer " + token));
    }

    @Test
    void requestsWithoutTokenArePassedOnForTheServiceToDecide() {
        given().get("/api/v1/centres").then().statusCode(200)
                .body("service", equalTo("catapult-registry"))
                .body("headers.authorization", org.hamcrest.Matchers.nullValue());
    }
}

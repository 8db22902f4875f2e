package no.katapult.gateway.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test route /api/v1/limited allows a burst of 3 per client and refills one token per hour. */
@QuarkusTest
class RateLimitTest {

    @Test
    void overTheLimitIs429WithRetryAfterAndRateLimitHeaders() {
        for (int i = 2; i >= 0; i--) {
            Response ok = given().get("/api/v1/limited/things");
            assertEquals(200, ok.statusCode());
            assertEquals("3", ok.header("RateLimit-Limit"));
            assertEquals(Integer.toString(i), ok.header("RateLimit-Remaining"));
        }
        Response limited = given().contentType("application/json").body("{\"x\":1}").post("/api/v1/limited/things");
        assertProblem(limited, 429, "too-many-requests");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After was " + retryAfter);
        assertEquals("3", limited.header("RateLimit-Limit"));
        assertEquals("0", limited.header("RateLimit-Remaining"));
        assertTrue(Long.parseLong(limited.header("RateLimit-Reset")) >= retryAfter);

        // Another client, identified by its token's subject, has its own bucket.
        String token = TestTokens.partner();
        Response other = given().auth().oauth2(token).get("/api/v1/limited/things");
        assertEquals(200, other.statusCode());
        assertEquals("2", other.header("RateLimit-Remaining"));
    }

    @Test
    void defaultLimitHeadersAreOnEveryProxiedResponse() {
        Response response = given().get("/api/v1/centres");
        assertEquals(200, response.statusCode());
        assertTrue(Long.parseLong(response.header("RateLimit-Limit")) > 0);
        assertTrue(response.header("RateLimit-Policy").contains(";w="));
    }
}

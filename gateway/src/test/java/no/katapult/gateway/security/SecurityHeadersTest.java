package no.katapult.gateway.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void authenticatedAnswersAreNeverStoredAndCarryTheUsualHeaders() {
        Response r = given().auth().oauth2(TestTokens.admin()).get("/api/v1/centres");
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.header("Cache-Control"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("DENY", r.header("X-Frame-Options"));
        assertEquals("no-referrer", r.header("Referrer-Policy"));
        assertEquals("default-src 'none'; frame-ancestors 'none'", r.header("Content-Security-Policy"));
        assertNull(r.header("Strict-Transport-Security"), "plain HTTP gets no HSTS");
    }

    @Test
    void anonymousAnswersKeepTheirCachingButGetTheHeaders() {
        Response r = given().get("/api/v1/centres");
        assertNull(r.header("Cache-Control"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    @Test
    void problemsTheGatewayWritesItselfCarryThemToo() {
        Response r = given().auth().oauth2(TestTokens.admin()).get("/api/v1/nowhere");
        assertProblem(r, 404);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertEquals("no-store", r.header("Cache-Control"));
    }

    @Test
    void anOverlongUrlIs414Problem() {
        Response r = given().get("/api/v1/centres?q=" + "a".repeat(9_000));
        assertProblem(r, 414, "uri-too-long");
    }

    @Test
    void overlargeHeadersAre431Problem() {
        Response r = given().header("X-Padding", "b".repeat(20_000)).get("/api/v1/centres");
        assertProblem(r, 431, "header-fields-too-large");
    }
}

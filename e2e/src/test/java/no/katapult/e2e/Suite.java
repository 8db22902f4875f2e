package no.katapult.e2e;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The running suite, reached only through the gateway, with tokens from Keycloak's token endpoint. */
final class Suite {
    static final String GATEWAY = prop("gateway.url", "http://localhost:8080");
    static final String KEYCLOAK = prop("keycloak.url", "http://localhost:8180");
    static final String REALM = KEYCLOAK + "/realms/catapult";

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    static {
        RestAssured.baseURI = GATEWAY;
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Suite() {
    }

    private static String prop(String name, String fallback) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
    }

    /** A user's access token, by the password grant of the public CLI client (demo users: password = username). */
    static String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> {
            Response r = given().baseUri(REALM).formParam("grant_type", "password")
                    .formParam("client_id", "catapult-cli").formParam("username", u).formParam("password", u)
                    .post("/protocol/openid-connect/token");
            assertEquals(200, r.statusCode(), () -> "token for " + u + ": " + r.asString());
            return r.jsonPath().getString("access_token");
        });
    }

    /** The partner's token, by client credentials. */
    static String partnerToken() {
        return TOKENS.computeIfAbsent("client:innovasjon-norge", u -> {
            Response r = given().baseUri(REALM).formParam("grant_type", "client_credentials")
                    .formParam("client_id", "innovasjon-norge").formParam("client_secret", "innovasjon-norge-secret")
                    .post("/protocol/openid-connect/token");
            assertEquals(200, r.statusCode(), () -> "partner token: " + r.asString());
            return r.jsonPath().getString("access_token");
        });
    }

    static RequestSpecification as(String username) {
        return given().auth().oauth2(token(username)).contentType("application/json");
    }

    static RequestSpecification asPartner() {
        return given().auth().oauth2(partnerToken()).contentType("application/json");
    }

    static RequestSpecification anonymous() {
        return given().contentType("application/json");
    }

    static Response assertProblem(Response r, int status) {
        String body = r.asString();
        assertEquals(status, r.statusCode(), () -> "status; body: " + body);
        assertTrue(String.valueOf(r.contentType()).startsWith("application/problem+json"),
                () -> "content type " + r.contentType() + "; body: " + body);
        assertEquals(status, r.jsonPath().getInt("status"));
        assertNotNull(r.jsonPath().getString("requestId"), "requestId");
        assertFalse(body.contains("Exception"), () -> "no class names: " + body);
        return r;
    }
}

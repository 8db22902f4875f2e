package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RoutingTest {

    @TestHTTPResource
    URL url;

    @ParameterizedTest
    @CsvSource({
            "/api/v1/centres, catapult-registry",
            "/api/v1/facilities, catapult-registry",
            "/api/v1/equipment, catapult-registry",
            "/api/v1/organisations, catapult-registry",
            "/api/v1/calls, application-service",
            "/api/v1/applications, application-service",
            "/api/v1/bookings, facility-booking",
            "/api/v1/availability, facility-booking",
            "/api/v1/aid, facility-booking"
    })
    void everyPrefixReachesItsServiceWithPathAndQueryUnchanged(String prefix, String service) {
        given().get(prefix).then().statusCode(200)
                .body("service", equalTo(service))
                .body("path", equalTo(prefix));
        given().urlEncodingEnabled(false).get(prefix + "/some-id/sub?page=2&q=%C3%A6%C3%B8%C3%A5+x")
                .then().statusCode(200)
                .body("service", equalTo(service))
                .body("path", equalTo(prefix + "/some-id/sub"))
                .body("uri", equalTo(prefix + "/some-id/sub?page=2&q=%C3%A6%C3%B8%C3%A5+x"))
                .header("X-Upstream", service);
    }

    @Test
    void unknownApiPathIsA404ProblemFromTheGateway() {
        assertProblem(given().get("/api/v1/nothing-here").andReturn(), 404, "not-found");
        // Prefixes match whole segments only.
        assertProblem(given().get("/api/v1/centresx").andReturn(), 404, "not-found");
        assertProblem(given().get("/api/v2/centres").andReturn(), 404, "not-found");
        assertProblem(given().get("/api").andReturn(), 404, "not-found");
        Response other = given().get("/no/such/thing");
        assertProblem(other, 404, "not-found");
        assertEquals(1, other.headers().getList("X-Request-Id").size(), "X-Request-Id is echoed once");
    }

    @Test
    void theCallersTraceGoesUpstreamUnderTheGatewaysOwnSpan() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        Response traced = given().header("traceparent", "00-" + traceId + "-" + callerSpan + "-01").get("/api/v1/centres/abc");
        traced.then().statusCode(200);
        String upstream = traced.jsonPath().getString("headers.traceparent");
        assertNotNull(upstream, "a W3C traceparent goes upstream");
        assertTrue(upstream.matches("00-" + traceId + "-[0-9a-f]{16}-01"), upstream);
        assertNotEquals(callerSpan, upstream.split("-")[2], "the parent upstream is the gateway's span, not the caller's");

        // Without one, the gateway starts the trace.
        String started = given().get("/api/v1/centres/abc").jsonPath().getString("headers.traceparent");
        assertNotNull(started, "the gateway starts a trace");
        assertTrue(started.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01") && !started.contains(traceId), started);
    }

    @Test
    void headersGoUpstreamWithForwardingHeadersAndTheRequestId() {
        Response response = given()
                .header("X-Request-Id", "routing-test-1")
                .header("X-Custom", "kept")
                .header("Accept-Language", "nb-NO")
                .header("X-Forwarded-For", "203.0.113.7")
                .get("/api/v1/centres/abc");
        response.then().statusCode(200)
                .body("headers.x-custom", equalTo("kept"))
                .body("headers.accept-language", equalTo("nb-NO"))
                .body("headers.x-request-id", equalTo("routing-test-1"))
                .body("headers.x-forwarded-for", equalTo("203.0.113.7, 127.0.0.1"))
                .body("headers.x-forwarded-proto", equalTo("http"))
                .body("headers.x-forwarded-host", notNullValue());
        // Echoed once, not once by the gateway and once more from the service.
        assertEquals(1, response.headers().getList("X-Request-Id").size());
        assertEquals("routing-test-1", response.header("X-Request-Id"));
    }

    @Test
    void aRequestIdIsCreatedWhenMissingAndSentUpstream() {
        Response response = given().get("/api/v1/calls");
        response.then().statusCode(200);
        String id = response.header("X-Request-Id");
        assertNotNull(id);
        assertEquals(id, response.jsonPath().getString("headers.x-request-id"));
    }

    @Test
    void postBodyContentTypeStatusAndTokenPassThroughUnchanged() {
        String token = TestTokens.sme("sme-anna", "910000012");
        String body = "{\"callId\":\"5d1f0b2e-8e3a-4d7b-9a51-0c2f7a1d9e11\",\"title\":\"Prøveproduksjon – "
                + "x".repeat(20_000) + "\"}";
        Response response = given().auth().oauth2(token)
                .header("Idempotency-Key", "k-123")
                .contentType("application/json")
                .body(body)
                .post("/api/v1/applications?status=201");
        response.then().statusCode(201)
                .body("method", equalTo("POST"))
                .body("headers.authorization", equalTo("Bearer " + token))
                .body("headers.idempotency-key", equalTo("k-123"))
                .body("headers.content-type", equalTo("application/json"))
                .body("bodyLength", equalTo(body.getBytes(StandardCharsets.UTF_8).length));
        assertEquals(body, response.jsonPath().getString("body"));
    }

    @Test
    void chunkedBodiesStreamThrough() throws Exception {
        byte[] body = "{\"chunked\":true}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Chunked.put(url, "/api/v1/bookings/123", body);
        assertEquals(200, response.statusCode(), response.body());
        JsonPath echo = new JsonPath(response.body());
        assertEquals("PUT", echo.getString("method"));
        assertEquals("chunked", echo.getString("headers.transfer-encoding"));
        assertEquals("{\"chunked\":true}", echo.getString("body"));
    }

    @Test
    void hopByHopHeadersAreStrippedBothWays() {
        Response response = given()
                .header("Connection", "keep-alive, X-Client-Hop")
                .header("X-Client-Hop", "secret")
                .header("Keep-Alive", "timeout=5")
                .header("Proxy-Authorization", "Basic c2VjcmV0")
                .header("TE", "trailers")
                .get("/api/v1/equipment/1");
        response.then().statusCode(200)
                .body("headers.x-client-hop", nullValue())
                .body("headers.keep-alive", nullValue())
                .body("headers.proxy-authorization", nullValue())
                .body("headers.te", nullValue());
        assertNull(response.header("Keep-Alive"));
        assertNull(response.header("X-Upstream-Hop"));
        // The gateway owns CORS: the service's own header is dropped.
        assertNull(response.header("Access-Control-Allow-Origin"));
    }

    @Test
    void corsIsAnsweredForConfiguredOriginsOnly() {
        given().header("Origin", "http://localhost:8080")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/bookings")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8080");
        given().header("Origin", "http://localhost:8080").get("/api/v1/centres")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:8080")
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-Request-Id"));
        given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/bookings")
                .then().statusCode(403);
    }
}

package no.katapult.common.testing;

import io.quarkus.runtime.configuration.MemorySize;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP error contract every service keeps, written once: each service's {@code @QuarkusTest}
 * extends this (and so {@link RejectedTokenTests}) and names a few of its endpoints. Every error is a
 * problem with the request id: 401 without a token, 403 for the wrong role, 400 for malformed JSON,
 * 404 for an unknown path, 405, 406 and 415; and the hostile input the e2e sweep found answered bare or
 * with a 500 (an invalid URI, a body over the limit, a member given twice).
 */
public abstract class HttpErrorContractTests extends RejectedTokenTests {

    /** A POST or PUT that takes a JSON body, with the method, for malformed-JSON and 415 checks. */
    public record Write(String method, String path, String token) {
    }

    /** A request the service answers 403: a valid token without the needed role. */
    protected abstract Response forbiddenRequest();

    /** A write whose body the tests replace with malformed JSON and with text/plain. */
    protected abstract Write jsonWrite();

    /** A path that exists but does not allow DELETE (405). */
    protected abstract String pathWithoutDelete();

    /** A token that may GET {@link #protectedPath()}, for the 406 check. */
    protected abstract String readerToken();

    private Response write(Write w, String contentType, String body, String requestId) {
        var spec = given().auth().oauth2(w.token()).contentType(contentType).body(body);
        if (requestId != null) {
            spec.header("X-Request-Id", requestId);
        }
        return spec.request(w.method(), w.path()).andReturn();
    }

    @Test
    void noTokenIs401Problem() {
        assertProblem(given().get(protectedPath()).andReturn(), 401).then().header("WWW-Authenticate", "Bearer");
    }

    @Test
    void wrongRoleIs403Problem() {
        assertProblem(forbiddenRequest(), 403);
    }

    @Test
    void malformedJsonIs400ProblemAndEchoesRequestId() {
        Response r = write(jsonWrite(), "application/json", "{\"name\": ", "test-req-123");
        assertProblem(r, 400, "malformed-json");
        r.then().header("X-Request-Id", "test-req-123").body("requestId", equalTo("test-req-123"));
    }

    @Test
    void aProblemCarriesTheTraceOfTheCallersTraceparent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Response r = given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").get(protectedPath()).andReturn();
        assertProblem(r, 401);
        assertEquals(traceId, r.jsonPath().getString("traceId"), "the W3C trace context is taken from the caller");
    }

    @Test
    void jsonNullAsTheWholeBodyIs400Problem() {
        assertProblem(write(jsonWrite(), "application/json", "null", null), 400);
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        assertProblem(write(jsonWrite(), "text/plain", "hello", null), 415);
    }

    @Test
    void unacceptableAcceptIs406Problem() {
        assertProblem(given().auth().oauth2(readerToken()).accept("image/png").get(protectedPath()).andReturn(), 406);
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(given().get("/api/v1/nothing-here").andReturn(), 404);
        assertProblem(given().get("/no/such/thing").andReturn(), 404);
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(given().auth().oauth2(TestTokens.admin()).delete(pathWithoutDelete()).andReturn(), 405);
    }

    // ---- hostile input that once got a bare answer or a 500 (issue 11, the hostile-input sweep) ----

    @Test
    void anInvalidRequestUriIs400ProblemNotABare400() throws IOException {
        for (String target : List.of(protectedPath() + "?q=a%zzb", protectedPath() + "?page=%", "/api/v1/nothing/%zz",
                protectedPath() + "/%4", "/api/v1/a%%41")) {
            RawHttp.Answer a = RawHttp.send("GET " + target + " HTTP/1.1");
            assertRawProblem(a, 400, "invalid-uri", target);
        }
    }

    @Test
    void aBodyOverTheLimitIs413ProblemWhetherDeclaredOrChunked() throws IOException {
        long limit = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .orElse(new MemorySize(java.math.BigInteger.valueOf(10240 * 1024))).asLongValue();
        Write w = jsonWrite();
        String head = w.method() + " " + w.path() + " HTTP/1.1\r\nAuthorization: Bearer " + w.token()
                + "\r\nContent-Type: application/json";
        byte[] big = ("{\"pad\": \"" + "x".repeat((int) limit) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertRawProblem(RawHttp.send(head, big, false), 413, "payload-too-large", "declared length");
        // Chunked, RESTEasy would read it all: 2 MiB of a JSON array used to be parsed whole.
        assertRawProblem(RawHttp.send(head, big, true), 413, "payload-too-large", "chunked");
    }

    @Test
    void aMemberGivenTwiceIs400Problem() {
        // Jackson failed on a record's second value as a server error: Quarkus answered a bare 500.
        assertProblem(write(jsonWrite(), "application/json", "{\"a\": 1, \"a\": 2}", null), 400, "malformed-json");
    }

    private static void assertRawProblem(RawHttp.Answer a, int status, String slug, String what) {
        assertEquals(status, a.status(), () -> what + ": " + a);
        assertTrue(a.isProblem(), () -> what + ": problem+json expected: " + a);
        JsonPath json = JsonPath.from(a.body());
        assertEquals(status, json.getInt("status"), () -> what + ": " + a);
        assertEquals("urn:katapult:problem:" + slug, json.getString("type"), () -> what + ": " + a);
        assertEquals(a.header("X-Request-Id"), json.getString("requestId"), () -> what + ": " + a);
        assertNotNull(json.getString("detail"), () -> what + ": " + a);
    }

    @Test
    void aRequestIdIsGeneratedAndEchoed() {
        given().get("/api/v1/nothing-here").then().header("X-Request-Id", notNullValue());
    }
}

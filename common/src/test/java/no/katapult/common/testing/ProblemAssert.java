package no.katapult.common.testing;

import io.restassured.response.Response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a response is an RFC 9457 problem of the suite's shape, with no leaked internals. */
public final class ProblemAssert {
    private ProblemAssert() {
    }

    public static Response assertProblem(Response response, int status) {
        String body = response.asString();
        assertEquals(status, response.statusCode(), () -> "status; body was: " + body);
        assertTrue(response.contentType() != null && response.contentType().startsWith("application/problem+json"),
                () -> "content type was " + response.contentType() + "; body was: " + body);
        assertEquals(status, response.jsonPath().getInt("status"), "status member");
        assertNotNull(response.jsonPath().getString("type"), "type member");
        assertTrue(response.jsonPath().getString("type").startsWith("urn:katapult:problem:"), "type is a suite URN");
        assertNotNull(response.jsonPath().getString("title"), "title member");
        String requestId = response.jsonPath().getString("requestId");
        assertNotNull(requestId, "requestId member");
        assertEquals(requestId, response.header("X-Request-Id"), "requestId echoes the header");
        String traceId = response.jsonPath().getString("traceId");
        assertTrue(traceId != null && traceId.matches("[0-9a-f]{32}") && !traceId.matches("0+"),
                () -> "traceId member, a W3C trace id: " + body);
        assertFalse(body.contains("Exception"), () -> "no class names in problems: " + body);
        assertFalse(body.matches("(?s).*\\bat [a-z]+\\.[a-z].*\\(.*\\.java:\\d+\\).*"), () -> "no stack traces: " + body);
        assertFalse(body.toLowerCase().contains("sqlstate") || body.contains("ERROR:"), () -> "no SQL: " + body);
        return response;
    }

    public static Response assertProblem(Response response, int status, String typeSlug) {
        assertProblem(response, status);
        assertEquals("urn:katapult:problem:" + typeSlug, response.jsonPath().getString("type"),
                () -> "problem type; body was: " + response.asString());
        return response;
    }
}

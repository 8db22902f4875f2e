package no.katapult.e2e;

import no.katapult.client.Answer;
import no.katapult.client.Problem;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one assertion of an error answer, for journeys and drills alike. */
public final class Problems {

    /** A Java stack frame or exception class name: never part of an answer. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "Exception|\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+)+\\(|\\.java:\\d+");

    private Problems() {
    }

    /** A problem+json answer of this status, with a request id and without a stack trace. */
    public static Problem assertProblem(Answer a, int status) {
        assertEquals(status, a.status(), () -> "status of " + a);
        assertTrue(a.isProblem(), () -> "problem+json expected: " + a);
        Problem problem = a.problem().orElseThrow(() -> new AssertionError("a JSON object expected: " + a));
        assertEquals(status, problem.status(), () -> "status member: " + a);
        assertFalse(problem.requestId() == null || problem.requestId().isEmpty(), () -> "requestId: " + a);
        assertFalse(hasStackTrace(a), () -> "stack trace in: " + a);
        return problem;
    }

    /** The same, and of the type {@code urn:katapult:problem:<slug>}. */
    public static Problem assertProblem(Answer a, int status, String slug) {
        Problem problem = assertProblem(a, status);
        assertEquals(Problem.TYPE_PREFIX + slug, problem.type(), a::toString);
        return problem;
    }

    public static boolean hasStackTrace(Answer a) {
        return hasStackTrace(a.body());
    }

    public static boolean hasStackTrace(String body) {
        return body != null && STACK_TRACE.matcher(body).find();
    }

    /** The members every problem carries (API guide, "Errors"); {@code errors} too for validation failures. */
    public static final List<String> MEMBERS = List.of("type", "title", "status", "detail", "instance", "requestId", "traceId");

    /**
     * What makes this error answer fall short of the API guide's problem, without throwing: an empty list for a
     * 4xx or 5xx {@code application/problem+json} object with every member, a {@code status} member equal to the
     * HTTP status, the request id of the X-Request-Id header, {@code errors} on a validation failure, and no stack
     * trace. For sweeps that count rather than stop at the first failure.
     */
    public static List<String> defects(Answer a) {
        List<String> defects = new ArrayList<>();
        if (!a.isProblem()) {
            defects.add("content type " + (a.contentType().isEmpty() ? "(none)" : a.contentType())
                    + ", not application/problem+json");
            return defects;
        }
        JsonNode json = a.json();
        if (!json.isObject()) {
            defects.add("body is not a JSON object");
            return defects;
        }
        for (String member : MEMBERS) {
            JsonNode v = json.get(member);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
                defects.add("no " + member);
            }
        }
        if (json.has("status") && json.path("status").asInt() != a.status()) {
            defects.add("status member " + json.path("status") + " differs from HTTP " + a.status());
        }
        String headerId = a.header("X-Request-Id").orElse(null);
        if (headerId != null && json.hasNonNull("requestId") && !headerId.equals(json.path("requestId").asText())) {
            defects.add("requestId " + json.path("requestId") + " differs from X-Request-Id " + headerId);
        }
        if (json.path("type").asText().equals(Problem.TYPE_PREFIX + "validation")
                && (!json.path("errors").isArray() || json.path("errors").isEmpty())) {
            defects.add("a validation problem without errors");
        }
        for (JsonNode e : json.path("errors")) {
            if (!e.hasNonNull("field") || !e.hasNonNull("message")) {
                defects.add("an errors item without field and message: " + e);
                break;
            }
        }
        if (hasStackTrace(a)) {
            defects.add("stack trace or class name in the body");
        }
        return defects;
    }
}

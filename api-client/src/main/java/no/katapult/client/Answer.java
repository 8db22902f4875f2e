package no.katapult.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One answer to a request.
 *
 * @param request  what was asked, for messages: {@code POST /api/v1/bookings as sme-anna}
 * @param status   the HTTP status
 * @param headers  the response headers (look them up with {@link #header(String)}: names are case-insensitive)
 * @param body     the body as text, empty when there is none
 * @param json     the body parsed, or {@link MissingNode} when it is empty or not JSON
 * @param duration from the first attempt to this answer, retries and their waits included
 * @param bytes    the body as it came (a PDF or an attachment), {@code body} in UTF-8 when not given
 */
public record Answer(String request, int status, Map<String, List<String>> headers, String body, JsonNode json,
                     Duration duration, byte[] bytes) {

    static final ObjectMapper MAPPER = new ObjectMapper();

    public Answer {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? "" : body;
        json = json == null ? MissingNode.getInstance() : json;
        bytes = bytes == null ? body.getBytes(StandardCharsets.UTF_8) : bytes.clone();
    }

    /** An answer whose body is parsed as JSON where it is JSON. */
    public static Answer of(String request, int status, Map<String, List<String>> headers, String body,
                            Duration duration) {
        return new Answer(request, status, headers, body, parse(body), duration, null);
    }

    /** An answer from the body's bytes: its text is their UTF-8 reading, parsed as JSON where it is JSON. */
    public static Answer of(String request, int status, Map<String, List<String>> headers, byte[] bytes,
                            Duration duration) {
        String body = new String(bytes, StandardCharsets.UTF_8);
        return new Answer(request, status, headers, body, parse(body), duration, bytes);
    }

    /** A copy of the body's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The first value of the header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The media type as sent, e.g. {@code application/problem+json;charset=UTF-8}; empty when none. */
    public String contentType() {
        return header("Content-Type").orElse("");
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public boolean isProblem() {
        return contentType().startsWith("application/problem+json");
    }

    /** The problem details, when the answer is {@code application/problem+json}. */
    public Optional<Problem> problem() {
        return isProblem() && json.isObject() ? Optional.of(Problem.of(json)) : Optional.empty();
    }

    /**
     * The body when the status is one of {@code expected}; otherwise an {@link ApiException} that names the
     * request, the status, the content type and the body (the problem, as a rule).
     */
    public JsonNode expect(int... expected) {
        for (int s : expected) {
            if (status == s) {
                return json;
            }
        }
        String type = contentType().isEmpty() ? "" : "(" + contentType() + ")";
        throw new ApiException(request + " answered " + status + " " + type + ": "
                + (body.isBlank() ? "(no body)" : body), this);
    }

    @Override
    public String toString() {
        return request + " -> " + status + " " + contentType() + " in " + duration.toMillis() + " ms: "
                + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
    }
}

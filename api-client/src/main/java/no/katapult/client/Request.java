package no.katapult.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * One request, built step by step and sent with {@link #send()}:
 * <pre>{@code
 * Answer a = api.post("/api/v1/bookings").as("sme-anna").idempotencyKey(key).body(booking).send();
 * }</pre>
 * Without {@code as}, {@code asClient} or {@code bearer} it goes without a token. It asks for JSON unless an
 * {@code Accept} header says otherwise.
 */
public final class Request {

    private static final Set<String> IDEMPOTENT_METHODS = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");

    private final Api api;
    private final String method;
    private final String pathOrUrl;
    private final StringBuilder query = new StringBuilder();
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Supplier<String> bearer;
    private String caller = "";
    private byte[] body;
    private Duration timeout = Duration.ofSeconds(30);
    private Retry retry;

    Request(Api api, String method, String pathOrUrl, Retry retry) {
        this.api = api;
        this.method = method.toUpperCase(Locale.ROOT);
        this.pathOrUrl = pathOrUrl;
        this.retry = retry;
        headers.put("Accept", "application/json");
    }

    /** As a demo user, with a token from the password grant (see {@link Tokens#user(String)}). */
    public Request as(String username) {
        bearer = () -> api.tokens().user(username);
        caller = " as " + username;
        return this;
    }

    /** As a machine client, with a token from client credentials. */
    public Request asClient(String clientId, String secret) {
        bearer = () -> api.tokens().client(clientId, secret);
        caller = " as client " + clientId;
        return this;
    }

    /** With this bearer token as it is (a forged or expired one, or another server's). */
    public Request bearer(String token) {
        bearer = () -> token;
        caller = " with a bearer token";
        return this;
    }

    public Request header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Request headers(Map<String, String> more) {
        more.forEach(this::header);
        return this;
    }

    /** Makes a POST safe to retry: the server answers a repeat with the first answer. */
    public Request idempotencyKey(String key) {
        return header("Idempotency-Key", key);
    }

    /** A query parameter, URL-encoded; a null value is left out. */
    public Request query(String name, Object value) {
        if (value != null) {
            query.append(query.length() == 0 && !pathOrUrl.contains("?") ? '?' : '&')
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        }
        return this;
    }

    /** A JSON body: a String as it is (malformed on purpose, if need be), anything else as Jackson writes it. */
    public Request body(Object json) {
        String text;
        if (json == null || json instanceof String) {
            text = (String) json;
        } else if (json instanceof JsonNode node) {
            text = node.toString();
        } else {
            try {
                text = Answer.MAPPER.writeValueAsString(json);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not writable as JSON: " + json.getClass().getName(), e);
            }
        }
        return text == null ? this : body(text, "application/json");
    }

    public Request body(String text, String contentType) {
        return body(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** A body of bytes, sent with its Content-Length (never chunked). */
    public Request body(byte[] bytes, String contentType) {
        this.body = bytes.clone();
        return header("Content-Type", contentType);
    }

    /** A {@code multipart/form-data} body (an upload), sent with its Content-Length as browsers and curl -F do. */
    public Request form(MultipartForm form) {
        return body(form.bytes(), form.contentType());
    }

    /** How long one attempt may wait for its answer; 30 s unless set. */
    public Request timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** This request's retry policy instead of the client's. */
    public Request retry(Retry retry) {
        this.retry = retry;
        return this;
    }

    /** GET, HEAD, PUT, DELETE and OPTIONS, and a POST that carries an {@code Idempotency-Key}. */
    public boolean idempotent() {
        return IDEMPOTENT_METHODS.contains(method)
                || (method.equals("POST") && headers.containsKey("Idempotency-Key"));
    }

    /**
     * Sends the request, retrying as its policy allows.
     *
     * @throws ApiException when no answer came, or no token
     */
    public Answer send() {
        String target = pathOrUrl + query;
        URI uri = URI.create(target.startsWith("http://") || target.startsWith("https://") ? target
                : api.baseUrl() + target);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
        headers.forEach(b::header);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer.get());
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        return api.transport().exchange(b.build(), method + " " + target + caller, idempotent(), retry, api.listener());
    }

    /** {@link #send()}, then {@link Answer#expect}: the body when the status is one of these. */
    public JsonNode expect(int... statuses) {
        return send().expect(statuses);
    }
}

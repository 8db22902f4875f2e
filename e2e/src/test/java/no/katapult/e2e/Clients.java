package no.katapult.e2e;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.katapult.openapi.ApiClient;
import no.katapult.openapi.ApiException;
import no.katapult.openapi.model.Problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journeys' way into the suite: the Java client that openapi-client generated from the merged contract,
 * through the gateway, signed in as a demo user or a partner. Its JSON reading is strict: a member the contract
 * does not declare, or a value outside a declared enum, fails the journey, so the contract and the real answers
 * cannot drift apart. Every request it sends is recorded for {@link ContractJourneyTest}.
 */
public final class Clients {

    /** "METHOD /path" of every request the journeys sent, as sent (ids and all). */
    static final Set<String> SENT = new TreeSet<>();

    /** The generated client's JSON settings, made strict. */
    static final ObjectMapper STRICT = ApiClient.createDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);

    private Clients() {
    }

    /** A demo user (password = user name). */
    public static ApiClient as(String user) {
        return client(() -> API.tokens().user(user));
    }

    /** The demo partner system, by client credentials. */
    public static ApiClient partner() {
        return client(() -> API.tokens().client(Suite.PARTNER, Suite.PARTNER_SECRET));
    }

    public static ApiClient anonymous() {
        return client(null);
    }

    private static ApiClient client(Supplier<String> token) {
        ApiClient client = new ApiClient();
        // HTTP/1.1 as curl and browsers speak it here: java.net.http's default asks every request to upgrade to h2c.
        client.setHttpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
        client.updateBaseUri(Suite.GATEWAY);
        client.setReadTimeout(Duration.ofSeconds(30));
        client.setObjectMapper(STRICT);
        client.setRequestInterceptor(request -> {
            if (token != null) {
                request.header("Authorization", "Bearer " + token.get());
            }
        });
        client.setResponseInterceptor(response -> record(response.request().method(), response.request().uri().getRawPath()));
        return client;
    }

    private static synchronized void record(String method, String path) {
        SENT.add(method + " " + path);
    }

    static synchronized Set<String> sent() {
        return new TreeSet<>(SENT);
    }

    /** A call the journey expects to be refused. */
    public interface Call {
        void run() throws ApiException;
    }

    /**
     * The call fails with a problem of this status and type ({@code urn:katapult:problem:<slug>}, or any type when
     * the slug is null); the body is read strictly as the contract's Problem.
     */
    public static Problem assertProblem(int status, String slug, Call call) {
        return assertProblem(Set.of(status), slug, call).problem();
    }

    /** A refused call: the contract's Problem, read strictly, and the body as it came. */
    public record Refusal(Problem problem, String body) {
    }

    /** The same for a call that may be refused with any of these statuses (e.g. 403 or 404). */
    public static Refusal assertProblem(Set<Integer> statuses, String slug, Call call) {
        ApiException e = assertThrows(ApiException.class, call::run);
        String body = e.getResponseBody();
        assertTrue(statuses.contains(e.getCode()), () -> "status " + e.getCode() + ", not one of " + statuses + "; body " + body);
        String type = e.getResponseHeaders().firstValue("Content-Type").orElse("");
        assertEquals("application/problem+json", type.split(";")[0].trim(), () -> "content type; body " + body);
        Problem problem;
        try {
            problem = STRICT.readValue(body, Problem.class);
        } catch (IOException io) {
            throw new UncheckedIOException("the problem does not match the contract's Problem: " + body, io);
        }
        assertEquals(e.getCode(), problem.getStatus(), body);
        assertFalse(problem.getRequestId() == null || problem.getRequestId().isEmpty(), body);
        assertFalse(Problems.hasStackTrace(body), () -> "stack trace in: " + body);
        if (slug != null) {
            assertEquals("urn:katapult:problem:" + slug, String.valueOf(problem.getType()), body);
        }
        return new Refusal(problem, body);
    }
}

package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.katapult.client.Answer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One booking is one trace: the caller's W3C traceparent enters at the gateway, and the spans of the gateway,
 * facility-booking and catapult-registry arrive at the stack's trace receiver under the caller's trace id, each
 * the child of the call before it. The same id is in the services' log lines and in a problem's body.
 */
class TraceJourneyTest {

    static final String TRACES = Suite.setting("traces.url", "E2E_TRACES_URL", "http://127.0.0.1:4318");
    static final Path LOGS = Path.of(Suite.setting("logs.dir", "E2E_LOG_DIR", "../.catapult/logs"));
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXPORT = Duration.ofSeconds(30);

    @Test
    void oneBookingIsOneTraceAcrossGatewayBookingAndRegistry() throws Exception {
        JsonNode facility = StreamSupport.stream(API.get("/api/v1/facilities").query("q", "3d-printer").send()
                        .json().path("items").spliterator(), false)
                .filter(f -> f.path("bookable").asBoolean() && f.path("active").asBoolean()).findFirst().orElseThrow();
        Slots.Slot slot = Slots.firstFree(facility, Slots.nextMonday(), 7).orElseThrow();
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);

        Answer booked = API.post("/api/v1/bookings").as("sme-anna").idempotencyKey(UUID.randomUUID().toString())
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body("""
                        {"resourceType": "FACILITY", "resourceId": "%s", "start": "%s", "end": "%s",
                         "purpose": "Traced booking (e2e)"}""".formatted(facility.path("id").asText(), slot.start(), slot.end()))
                .send();
        assertEquals(201, booked.status(), booked::toString);

        List<JsonNode> spans = awaitSpans(traceId, Set.of("gateway", "facility-booking", "catapult-registry"));
        JsonNode gatewayIn = only(spans, "gateway", "SERVER", "POST");
        assertEquals(callerSpan, gatewayIn.path("parentSpanId").asText(), "the gateway continues the caller's trace");
        JsonNode gatewayOut = child(spans, gatewayIn, "gateway", "CLIENT");
        JsonNode bookingIn = child(spans, gatewayOut, "facility-booking", "SERVER");
        assertEquals("201", bookingIn.at("/attributes/http.response.status_code").asText(), bookingIn::toString);
        JsonNode bookingOut = child(spans, bookingIn, "facility-booking", "CLIENT");
        JsonNode registryIn = child(spans, bookingOut, "catapult-registry", "SERVER");
        assertTrue(registryIn.path("name").asText().startsWith("GET"), registryIn::toString);

        // The same trace id in the log lines of each of the three (their access logs at least).
        for (String part : List.of("gateway", "booking", "registry")) {
            Path log = LOGS.resolve(part + ".log");
            assertTrue(Files.exists(log), "the stack's log of " + part + " at " + log.toAbsolutePath());
            assertTrue(lines(log).stream().anyMatch(l -> l.contains(traceId)), "a log line of " + part + " carries " + traceId);
        }
    }

    @Test
    void aProblemNamesTheTraceTheCallerStarted() {
        String traceId = randomHex(16);
        Answer refused = API.get("/api/v1/bookings/" + UUID.randomUUID()).as("sme-anna")
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").send();
        Problems.assertProblem(refused, 404, "not-found");
        assertEquals(traceId, refused.json().path("traceId").asText(), refused::toString);
    }

    /** Polls the trace receiver until spans of every service are in: the services export in batches. */
    private static List<JsonNode> awaitSpans(String traceId, Set<String> services) throws Exception {
        long deadline = System.nanoTime() + EXPORT.toNanos();
        List<JsonNode> spans = List.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TRACES + "/v1/traces/" + traceId))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                spans = new ArrayList<>();
                JSON.readTree(r.body()).path("spans").forEach(spans::add);
                Set<String> seen = Set.copyOf(spans.stream().map(s -> s.path("service").asText()).toList());
                if (seen.containsAll(services)) {
                    return spans;
                }
            }
            Thread.sleep(500);
        }
        return fail("no spans of all of " + services + " under trace " + traceId + " within " + EXPORT + ": " + spans);
    }

    private static JsonNode only(List<JsonNode> spans, String service, String kind, String namePrefix) {
        List<JsonNode> found = spans.stream().filter(s -> s.path("service").asText().equals(service)
                && s.path("kind").asText().equals(kind) && s.path("name").asText().startsWith(namePrefix)).toList();
        assertEquals(1, found.size(), () -> "one " + kind + " span of " + service + ": " + spans);
        return found.get(0);
    }

    private static JsonNode child(List<JsonNode> spans, JsonNode parent, String service, String kind) {
        List<JsonNode> found = spans.stream().filter(s -> s.path("service").asText().equals(service)
                && s.path("kind").asText().equals(kind)
                && s.path("parentSpanId").asText().equals(parent.path("spanId").asText())).toList();
        assertFalse(found.isEmpty(), () -> "a " + kind + " span of " + service + " under " + parent + ": " + spans);
        return found.get(0);
    }

    private static List<String> lines(Path log) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new AssertionError("could not read " + log, e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

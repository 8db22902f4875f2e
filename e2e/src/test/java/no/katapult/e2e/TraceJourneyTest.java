package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.api.BookingsApi;
import no.katapult.openapi.api.FacilitiesApi;
import no.katapult.openapi.model.Booking;
import no.katapult.openapi.model.Facility;
import no.katapult.openapi.model.Problem;
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
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static no.katapult.e2e.Clients.assertProblem;
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
        FacilitiesApi catalogue = new FacilitiesApi(Clients.anonymous());
        UUID facilityId = catalogue.listFacilities(null, null, null, null, null, "3d-printer", null, null).getItems().stream()
                .filter(f -> f.getBookable() && f.getActive()).map(Facility::getId).findFirst().orElseThrow();
        Facility facility = catalogue.getFacility(facilityId);
        Slots.Slot slot = Slots.firstFree(facility, Slots.nextMonday(), 7).orElseThrow();
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);

        ApiResponse<Booking> booked = new BookingsApi(Clients.as("sme-anna")).createBookingWithHttpInfo(
                slot.bookingRequest("Traced booking (e2e)"), UUID.randomUUID().toString(),
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertEquals(201, booked.getStatusCode(), () -> String.valueOf(booked.getData()));
        assertEquals(facilityId, booked.getData().getResourceId(), () -> String.valueOf(booked.getData()));

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
        BookingsApi annasBookings = new BookingsApi(Clients.as("sme-anna"));
        Problem problem = assertProblem(404, "not-found", () -> annasBookings.getBooking(UUID.randomUUID(),
                Map.of("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")));
        assertEquals(traceId, problem.getTraceId(), problem::toString);
    }

    /** Polls the trace receiver until the SERVER span of every service is in: the services export in batches. */
    private static List<JsonNode> awaitSpans(String traceId, Set<String> services) throws Exception {
        long deadline = System.nanoTime() + EXPORT.toNanos();
        List<JsonNode> spans = List.of();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TRACES + "/v1/traces/" + traceId))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                spans = new ArrayList<>();
                JSON.readTree(r.body()).path("spans").forEach(spans::add);
                // A service's SERVER span ends after its CLIENT spans and may come a batch later: wait for it.
                Set<String> seen = Set.copyOf(spans.stream().filter(s -> s.path("kind").asText().equals("SERVER"))
                        .map(s -> s.path("service").asText()).toList());
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

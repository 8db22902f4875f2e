package no.katapult.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Answer;
import no.katapult.e2e.Slots;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.drills.Drills.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drill: facility-booking stops. Through the gateway its calls fail fast with 503 problem+json while the other
 * services keep answering; once it is back, booking calls succeed again without a restart of the gateway.
 */
class BookingOutageDrillTest {

    /** Enough calls during the outage to open the gateway's circuit breaker (20 requests by default). */
    private static final int CALLS_PER_KIND = 15;

    @Test
    void bookingCallsFailFastWhileFacilityBookingIsDownAndRecoverWithoutAGatewayRestart() {
        Drills.awaitHealthy();
        JsonNode facility = Drills.facility(Drills.bookableFacilities().get(0).path("id").asText());
        String availability = Drills.availability(facility.path("id").asText(), Slots.nextMonday().plusWeeks(1), 7);
        assertEquals(200, get("/api/v1/bookings", "sme-anna").status());
        assertEquals(200, get(availability, null).status());
        long gatewayPid = StackControl.pid("gateway").orElseThrow();

        StackControl.stop("booking");
        try {
            List<Long> durations = new ArrayList<>();
            for (int i = 0; i < CALLS_PER_KIND; i++) {
                for (Answer r : List.of(get("/api/v1/bookings", "sme-anna"), get(availability, null))) {
                    assertProblem(r, 503);
                    long millis = r.duration().toMillis();
                    assertTrue(millis < 1000, () -> "503 within 1 s, took " + millis + " ms: " + r);
                    durations.add(millis);
                }
                // The others keep answering, with and without a token.
                Answer centres = get("/api/v1/centres", null);
                assertEquals(200, centres.status(), centres::toString);
                Answer calls = get("/api/v1/calls", "applicant-sin");
                assertEquals(200, calls.status(), calls::toString);
            }
            LongSummaryStatistics stats = durations.stream().mapToLong(Long::longValue).summaryStatistics();
            System.out.printf("[drill booking-outage] %d booking calls answered 503 problem+json: min %d ms, "
                            + "avg %.1f ms, max %d ms; the first four: %s ms%n", stats.getCount(), stats.getMin(),
                    stats.getAverage(), stats.getMax(), durations.subList(0, 4));
        } finally {
            StackControl.ensureRunning("booking");
        }

        // facility-booking answers its readiness again; then the gateway's breaker must let calls through again.
        Drills.await("facility-booking ready", Duration.ofSeconds(120), Duration.ofMillis(250),
                () -> Drills.ready(Drills.BOOKING_PORT));
        long t0 = System.nanoTime();
        Duration recovered = Drills.await("booking calls through the gateway succeed again", Duration.ofSeconds(30),
                Duration.ofMillis(500),
                () -> get("/api/v1/bookings", "sme-anna").status() == 200 && get(availability, null).status() == 200);
        System.out.printf("[drill booking-outage] booking calls succeed again %d ms after facility-booking was ready "
                + "(%.1f s incl. this poll)%n", recovered.toMillis(), (System.nanoTime() - t0) / 1e9);
        assertEquals(gatewayPid, StackControl.pid("gateway").orElseThrow(), "the gateway was not restarted");
    }
}

package no.katapult.e2e.drills;

import no.katapult.client.Answer;
import no.katapult.client.Problem;
import no.katapult.e2e.Slots;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.drills.Drills.call;
import static no.katapult.e2e.drills.Drills.get;
import static no.katapult.e2e.drills.Drills.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drill: catapult-registry stops. Creating a booking needs the registry (facility rules, prices, SME status)
 * and gets a clear 503; existing bookings carry snapshots, so they can still be read and cancelled. Once the
 * registry is back, creating works again.
 */
class RegistryOutageDrillTest {

    @Test
    void bookingsAreReadAndCancelledWithoutTheRegistryAndCreatedAgainOnceItIsBack() {
        Drills.awaitHealthy();
        // Everything that needs the registry happens before it stops: the facility, free slots, one booking.
        List<Slots.Slot> slots = Drills.freeSlots(3);
        String existing = Drills.book(slots.get(0), "Registry outage drill: booked before the outage (test data)");
        String createdAfter = null;

        StackControl.stop("registry");
        try {
            Answer refused = call("POST", "/api/v1/bookings", "sme-anna",
                    slots.get(1).bookingBody("Registry outage drill: during the outage (test data)"),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            Problem problem = assertProblem(refused, 503, "registry-unavailable");
            System.out.printf("[drill registry-outage] create during the outage: %d %s in %d ms%n",
                    refused.status(), problem.type(), refused.duration().toMillis());

            Answer read = get("/api/v1/bookings/" + existing, "sme-anna");
            assertEquals(200, read.status(), read::toString);
            assertEquals(existing, read.json().path("id").asText());
            Answer cancelled = call("POST", "/api/v1/bookings/" + existing + "/cancel", "sme-anna",
                    json(Map.of("reason", "Registry outage drill: cancelled during the outage")));
            assertEquals(200, cancelled.status(), cancelled::toString);
            assertEquals("CANCELLED", cancelled.json().path("status").asText(), cancelled::toString);
        } finally {
            StackControl.ensureRunning("registry");
        }

        Drills.await("catapult-registry ready", Duration.ofSeconds(120), Duration.ofMillis(250),
                () -> Drills.ready(Drills.REGISTRY_PORT));
        AtomicReference<Answer> last = new AtomicReference<>();
        try {
            // facility-booking's own circuit breaker to the registry closes again after its delay.
            Duration recovered = Drills.await("creating a booking works again", Duration.ofSeconds(30),
                    Duration.ofMillis(500), () -> {
                        Answer r = call("POST", "/api/v1/bookings", "sme-anna",
                                slots.get(2).bookingBody("Registry outage drill: after the outage (test data)"),
                                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                        last.set(r);
                        if (r.status() != 201 && r.status() != 503) {
                            throw new AssertionError("after the outage: " + r);
                        }
                        return r.status() == 201;
                    });
            createdAfter = last.get().json().path("id").asText();
            System.out.printf("[drill registry-outage] creating works again %d ms after the registry was ready%n",
                    recovered.toMillis());
        } finally {
            Drills.cancelQuietly(createdAfter, "Registry outage drill: clean-up");
        }
    }
}

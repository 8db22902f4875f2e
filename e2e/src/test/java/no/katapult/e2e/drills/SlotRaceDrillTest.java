package no.katapult.e2e.drills;

import no.katapult.common.testing.Sql;
import no.katapult.client.Answer;
import no.katapult.e2e.Slots;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static no.katapult.e2e.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Drill: 50 clients race for one slot through the gateway. Exactly one gets 201, the others 409 problem+json,
 * and the database holds no two active bookings of one facility whose buffered periods overlap.
 */
class SlotRaceDrillTest {

    private static final int CLIENTS = 50;

    @Test
    void exactlyOneOfFiftyConcurrentClientsGetsTheSlot() throws Exception {
        Drills.awaitHealthy();
        List<Slots.Slot> slots = Drills.freeSlots(2);
        warmUp(slots.get(0));
        Slots.Slot slot = slots.get(1);
        Map<String, Object> body = slot.bookingBody("Slot race drill (test data)");
        String winner = null;

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    // Each client its own Idempotency-Key: these are 50 different attempts, not one retried.
                    return Drills.call("POST", "/api/v1/bookings", "sme-anna", body,
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Answer> replies = new ArrayList<>();
            for (Future<Answer> f : futures) {
                replies.add(f.get(60, TimeUnit.SECONDS));
            }

            Map<Integer, Long> byStatus = replies.stream()
                    .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
            long slowest = replies.stream().mapToLong(r -> r.duration().toMillis()).max().orElse(0);
            System.out.printf("[drill slot-race] %d clients, one slot %s..%s of facility %s: %s; slowest answer %d ms%n",
                    CLIENTS, slot.start(), slot.end(), slot.facilityId(), byStatus, slowest);
            List<Answer> created = replies.stream().filter(r -> r.status() == 201).toList();
            if (!created.isEmpty()) {
                winner = created.get(0).json().path("id").asText();
            }
            assertEquals(1, created.size(), () -> "exactly one 201: " + byStatus);
            for (Answer r : replies) {
                if (r.status() != 201) {
                    assertProblem(r, 409, "booking-conflict");
                }
            }
            assertNoOverlap(slot.facilityId());
        } finally {
            pool.shutdownNow();
            Drills.cancelQuietly(winner, "Slot race drill: clean-up");
        }
    }

    /**
     * A few sequential bookings of another slot first: the race is about correctness under concurrency, and a
     * stack that just started answers its very first burst slowly (its registry client included).
     */
    private static void warmUp(Slots.Slot slot) {
        String booked = Drills.book(slot, "Slot race drill warm-up (test data)");
        try {
            for (int i = 0; i < 5; i++) {
                Answer r = Drills.call("POST", "/api/v1/bookings", "sme-anna",
                        slot.bookingBody("Slot race drill warm-up (test data)"),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                assertProblem(r, 409);
            }
        } finally {
            Drills.cancelQuietly(booked, "Slot race drill: warm-up");
        }
    }

    /** No two active bookings of any facility overlap (buffered periods, overlapping targets); one holds the slot. */
    private static void assertNoOverlap(String facilityId) throws Exception {
        try (Connection c = Drills.jdbc("catapult_booking")) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT a.id, b.id FROM booking a JOIN booking b
                      ON a.facility_id = b.facility_id AND a.id < b.id
                     AND a.target && b.target AND a.period && b.period
                    WHERE a.status IN ('REQUESTED', 'CONFIRMED') AND b.status IN ('REQUESTED', 'CONFIRMED')""")) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> overlaps = new ArrayList<>();
                    while (rs.next()) {
                        overlaps.add(rs.getString(1) + " & " + rs.getString(2));
                    }
                    assertEquals(List.of(), overlaps, "overlapping active bookings in catapult_booking");
                }
            }
            assertEquals(1, Sql.single(c, Long.class, """
                    SELECT count(*) FROM booking WHERE facility_id = ? AND purpose = 'Slot race drill (test data)'
                      AND status IN ('REQUESTED', 'CONFIRMED') AND created_at > now() - interval '10 minutes'""",
                    UUID.fromString(facilityId)).intValue(), "one active booking of the raced slot in the database");
        }
        System.out.printf("[drill slot-race] database: no overlapping active bookings (all facilities); one active "
                + "booking of the raced slot on facility %s%n", facilityId);
    }
}

package no.katapult.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.client.Answer;
import no.katapult.e2e.Slots;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static no.katapult.e2e.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the registry-change drills share: a catalogue of their own in the real catapult-registry (facilities
 * and items created by siva-admin, so the demo catalogue is never changed), the registry's PUTs, bookings on
 * one drill day, and concurrent races through the gateway with exact winner counts. What a drill creates it
 * cleans up: its bookings are cancelled and its facilities retired, so they drop out of the bookable catalogue.
 */
final class RegistryChanges {

    static final String ADMIN = "siva-admin";
    /** Both demo SMEs have an SME declaration, so both can book. */
    static final List<String> SMES = List.of("sme-anna", "sme-bjorn");
    static final String PURPOSE = "Registry change drill (test data)";

    /** Members of the registry's representations that its PUT bodies do not take. */
    private static final List<String> READ_ONLY = List.of("id", "version", "centreCode", "equipment");

    private final String drill;
    /** Three weeks ahead, clear of the demo bookings and the other drills; a fresh catalogue anyway. */
    private final ZonedDateTime day = Slots.nextMonday().plusWeeks(3);
    private final List<String> facilities = new ArrayList<>();
    private final List<String> bookings = new ArrayList<>();

    RegistryChanges(String drill) {
        this.drill = drill;
    }

    // ---- the catalogue ----

    /** The id of the centre with this code. */
    static String centreId(String code) {
        Answer r = Drills.get("/api/v1/centres?size=100", null);
        assertEquals(200, r.status(), r::toString);
        for (JsonNode c : r.json().path("items")) {
            if (code.equals(c.path("code").asText())) {
                return c.path("id").asText();
            }
        }
        throw new AssertionError("no centre " + code + " in the demo catalogue");
    }

    /** A facility of the centre, open 06-22 every day, hours on the hour, no lead time, with this buffer. */
    String facility(String centreCode, String name, int bufferMinutes, boolean requiresApproval) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("minDurationMinutes", 60);
        rules.put("maxDurationMinutes", 480);
        rules.put("slotGranularityMinutes", 60);
        rules.put("leadTimeHours", 0);
        rules.put("horizonDays", 365);
        rules.put("bufferMinutes", bufferMinutes);
        rules.put("requiresApproval", requiresApproval);
        rules.put("freeCancellationNoticeHours", 0);
        Map<String, Object> hours = new LinkedHashMap<>();
        for (String weekday : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            hours.put(weekday, List.of(Map.of("from", "06:00", "to", "22:00")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("centreId", centreId(centreCode));
        body.put("name", name + " (" + drill + " drill " + UUID.randomUUID().toString().substring(0, 8) + ")");
        body.put("type", "LAB");
        body.put("description", "Created by the registry change drill; retired when it ends.");
        body.put("capabilities", List.of("drill"));
        body.put("capacity", 4);
        body.put("openingHours", hours);
        body.put("closures", List.of());
        body.put("bookingRules", rules);
        body.put("standardPrice", Map.of("amount", 1000.00, "currency", "NOK"));
        body.put("smePrice", Map.of("amount", 400.00, "currency", "NOK"));
        body.put("bookable", true);
        body.put("active", true);
        Answer r = Drills.call("POST", "/api/v1/facilities", ADMIN, body);
        assertEquals(201, r.status(), r::toString);
        String id = r.json().path("id").asText();
        facilities.add(id);
        return id;
    }

    /** A bookable item of the facility, at the facility's prices. */
    String item(String facilityId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("facilityId", facilityId);
        body.put("name", name + " (" + drill + " drill)");
        body.put("category", "drill-equipment");
        body.put("capabilities", List.of("drill"));
        body.put("bookable", true);
        Answer r = Drills.call("POST", "/api/v1/equipment", ADMIN, body);
        assertEquals(201, r.status(), r::toString);
        return r.json().path("id").asText();
    }

    /**
     * The registry's PUT of a facility or item as an administrator would make it: read it with its ETag,
     * change it, send it back with If-Match.
     */
    JsonNode put(String path, Consumer<ObjectNode> change) {
        Answer read = Drills.get(path, null);
        assertEquals(200, read.status(), read::toString);
        ObjectNode body = read.json().deepCopy();
        READ_ONLY.forEach(body::remove);
        change.accept(body);
        String etag = read.header("ETag").orElseThrow(() -> new AssertionError("no ETag on " + read));
        Answer r = Drills.call("PUT", path, ADMIN, body, Map.of("If-Match", etag));
        assertEquals(200, r.status(), r::toString);
        System.out.printf("[drill %s] PUT %s: %s%n", drill, path, changed(read.json(), r.json()));
        return r.json();
    }

    static ObjectNode rules(ObjectNode facility) {
        return (ObjectNode) facility.path("bookingRules");
    }

    private static String changed(JsonNode before, JsonNode after) {
        List<String> changes = new ArrayList<>();
        for (String member : List.of("facilityId", "centreId", "centreCode", "bookable", "active")) {
            if (!before.path(member).equals(after.path(member))) {
                changes.add(member + " " + before.path(member) + " -> " + after.path(member));
            }
        }
        if (!before.path("bookingRules").path("bufferMinutes").equals(after.path("bookingRules").path("bufferMinutes"))) {
            changes.add("bufferMinutes " + before.path("bookingRules").path("bufferMinutes") + " -> "
                    + after.path("bookingRules").path("bufferMinutes"));
        }
        return String.join(", ", changes);
    }

    // ---- bookings ----

    /** The hour on the drill day, in Oslo. */
    OffsetDateTime at(int hour) {
        return day.withHour(hour).toOffsetDateTime();
    }

    Map<String, Object> body(String type, String resourceId, int fromHour, int toHour) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("resourceType", type);
        body.put("resourceId", resourceId);
        body.put("start", at(fromHour).toString());
        body.put("end", at(toHour).toString());
        body.put("purpose", PURPOSE);
        return body;
    }

    /** A booking by sme-anna that must succeed; returns it. */
    JsonNode book(String type, String resourceId, int fromHour, int toHour) {
        Answer r = Drills.call("POST", "/api/v1/bookings", "sme-anna", body(type, resourceId, fromHour, toHour),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, r.status(), r::toString);
        bookings.add(r.json().path("id").asText());
        return r.json();
    }

    // ---- the race ----

    /** Requests that compete for one thing, how many of them may win, and the problem every other one gets. */
    record Group(String what, List<Map<String, Object>> bodies, int winners, int refusedStatus, String refusedType) {

        static Group refused(String what, int requests, int status, String type, Map<String, Object> body) {
            return new Group(what, Collections.nCopies(requests, body), 0, status, type);
        }

        static Group oneWins(String what, int requests, Map<String, Object> body) {
            return new Group(what, Collections.nCopies(requests, body), 1, 409, "booking-conflict");
        }

        static Group oneWins(String what, int requests, Map<String, Object> body, int others, Map<String, Object> other) {
            List<Map<String, Object>> bodies = new ArrayList<>(Collections.nCopies(requests, body));
            bodies.addAll(Collections.nCopies(others, other));
            return new Group(what, bodies, 1, 409, "booking-conflict");
        }
    }

    /**
     * Fires every group's requests at once through the gateway, shuffled, alternating the two SMEs, each with its
     * own Idempotency-Key. Checks that none is a 5xx, that each group has exactly its winners and every other
     * request the group's problem; returns each group's winning booking (null where none may win).
     */
    List<JsonNode> race(List<Group> groups) throws Exception {
        record Attempt(int group, Map<String, Object> body) {
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (Map<String, Object> body : groups.get(g).bodies()) {
                attempts.add(new Attempt(g, body));
            }
        }
        assertTrue(attempts.size() >= 20, "at least 20 concurrent requests");
        Collections.shuffle(attempts);

        // Each SME signs in once before the race, as a real client reuses its token: Keycloak's brute-force
        // detection refuses concurrent password grants of one user ("Invalid user credentials").
        for (String sme : SMES) {
            Drills.call("GET", "/api/v1/bookings?size=1", sme, null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        List<Answer> answers = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(attempts.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                String sme = SMES.get(i % SMES.size());
                Map<String, Object> body = attempts.get(i).body();
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return Drills.call("POST", "/api/v1/bookings", sme, body,
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            for (Future<Answer> f : futures) {
                answers.add(f.get(90, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        answers.stream().filter(a -> a.status() == 201).forEach(a -> bookings.add(a.json().path("id").asText()));

        Map<Integer, Long> byStatus = answers.stream()
                .collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
        System.out.printf("[drill %s] %d concurrent requests after the change: %s%n", drill, answers.size(), byStatus);
        assertTrue(answers.stream().noneMatch(a -> a.status() >= 500 || a.status() == 0),
                () -> "no 5xx and no lost answer: " + byStatus + " " + answers.stream()
                        .filter(a -> a.status() >= 500 || a.status() == 0).map(Answer::toString).toList());

        List<JsonNode> winners = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            List<Answer> mine = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                if (attempts.get(i).group() == g) {
                    mine.add(answers.get(i));
                }
            }
            List<Answer> won = mine.stream().filter(a -> a.status() == 201).toList();
            assertEquals(group.winners(), won.size(), () -> group.what() + ": winners among " + mine.stream()
                    .map(a -> a.status() + " " + a.json().path("type").asText()).toList());
            for (Answer a : mine) {
                if (a.status() != 201) {
                    assertProblem(a, group.refusedStatus(), group.refusedType());
                }
            }
            System.out.printf("[drill %s]   %s: %d of %d won, the others %d %s%n", drill, group.what(), won.size(),
                    mine.size(), group.refusedStatus(), group.refusedType());
            winners.add(won.isEmpty() ? null : won.get(0).json());
        }
        return winners;
    }

    // ---- clean-up ----

    /** Cancels what the drill booked and retires its facilities; quietly, so the drill's own failure shows. */
    void cleanUp() {
        for (String id : bookings) {
            Drills.call("POST", "/api/v1/bookings/" + id + "/cancel", ADMIN,
                    Map.of("reason", "Registry change drill: clean-up"));
        }
        for (String id : facilities) {
            try {
                put("/api/v1/facilities/" + id, f -> f.put("active", false));
            } catch (AssertionError | RuntimeException e) {
                System.out.printf("[drill %s] could not retire facility %s: %s%n", drill, id, e.getMessage());
            }
        }
    }
}

package no.katapult.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import no.katapult.client.Answer;
import no.katapult.client.Api;
import no.katapult.client.ApiException;
import no.katapult.client.Request;
import no.katapult.client.Retry;
import no.katapult.e2e.Slots;
import no.katapult.e2e.Suite;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import static no.katapult.e2e.Suite.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The running suite as the drills see it: the gateway through the journeys' client with its retries off (a drill
 * must see each 503 and each call's own duration), the services' own readiness endpoints, and the databases by
 * JDBC.
 */
public final class Drills {

    /** The server of the three databases (embedded PostgreSQL of ./catapult up). */
    public static final String JDBC_BASE = setting("e2e.jdbc.base", "E2E_JDBC_BASE", "jdbc:postgresql://localhost:15432/");
    public static final String JDBC_USER = setting("e2e.jdbc.user", "E2E_JDBC_USER", "postgres");
    public static final String JDBC_PASSWORD = setting("e2e.jdbc.password", "E2E_JDBC_PASSWORD", "postgres");
    public static final int REGISTRY_PORT = Integer.parseInt(setting("e2e.registry.port", "REGISTRY_PORT", "8081"));
    public static final int APPLICATION_PORT = Integer.parseInt(setting("e2e.application.port", "APPLICATION_PORT", "8082"));
    public static final int BOOKING_PORT = Integer.parseInt(setting("e2e.booking.port", "BOOKING_PORT", "8083"));

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every answer as it comes: no retry hides a 503 or stretches a duration. */
    public static final Api API = Suite.API.withRetry(Retry.NONE);

    private Drills() {
    }

    // ---- HTTP ----

    /** A request through the gateway (or any absolute URL). {@code user} null = anonymous. */
    public static Answer call(String method, String pathOrUrl, String user, Object jsonBody) {
        return call(method, pathOrUrl, user, jsonBody, Map.of());
    }

    public static Answer call(String method, String pathOrUrl, String user, Object jsonBody, Map<String, String> headers) {
        Request request = API.request(method, pathOrUrl).headers(headers).body(jsonBody);
        return send(user == null ? request : request.as(user));
    }

    /** A request with this bearer token as it is (null = none), e.g. to the launcher's control. */
    public static Answer send(String method, String url, String bearer, Duration timeout) {
        Request request = API.request(method, url).timeout(timeout);
        return send(bearer == null ? request : request.bearer(bearer));
    }

    /** The answer; status 0 when there was none at all (connection refused or reset). */
    private static Answer send(Request request) {
        long t0 = System.nanoTime();
        try {
            return request.send();
        } catch (ApiException e) {
            if (e.answer().isPresent() || e.getCause() instanceof InterruptedException) {
                throw e;
            }
            return Answer.of("(no answer)", 0, Map.of(), e.getMessage(), Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    public static Answer get(String path, String user) {
        return call("GET", path, user, null);
    }

    /** The public availability of a facility for {@code days} from {@code from}, as a path to GET. */
    public static String availability(String facilityId, ZonedDateTime from, int days) {
        return "/api/v1/availability?resourceType=FACILITY&resourceId=" + facilityId
                + "&from=" + URLEncoder.encode(from.toOffsetDateTime().toString(), StandardCharsets.UTF_8)
                + "&to=" + URLEncoder.encode(from.plusDays(days).toOffsetDateTime().toString(), StandardCharsets.UTF_8);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user's access token, from the client's cache. */
    public static String token(String username) {
        return API.tokens().user(username);
    }

    // ---- waiting ----

    /** Polls until the condition holds; returns the time it took, or fails after the timeout. */
    public static Duration await(String what, Duration timeout, Duration interval, BooleanSupplier condition) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - t0);
            }
            if (System.nanoTime() > deadline) {
                fail(what + ": not within " + timeout.toSeconds() + " s");
            }
            sleep(interval.toMillis());
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A service's own readiness endpoint, bypassing the gateway. */
    public static Answer readiness(int port) {
        return send("GET", "http://localhost:" + port + "/q/health/ready", null, Duration.ofSeconds(5));
    }

    public static boolean ready(int port) {
        Answer r = readiness(port);
        return r.status() == 200 && r.body().replace(" ", "").contains("\"status\":\"UP\"");
    }

    public static void awaitAllReady(Duration timeout) {
        await("every service and the gateway ready", timeout, Duration.ofMillis(500),
                () -> ready(REGISTRY_PORT) && ready(APPLICATION_PORT) && ready(BOOKING_PORT) && gatewayReady());
    }

    /**
     * The state every drill starts from and leaves behind: all services ready, and the paths between them open
     * (an anonymous availability query goes gateway -> facility-booking -> catapult-registry, so it fails while
     * either circuit breaker is still open after an earlier outage).
     */
    public static void awaitHealthy() {
        awaitAllReady(Duration.ofSeconds(120));
        String facilityId = bookableFacilities().get(0).path("id").asText();
        String availability = availability(facilityId, Slots.nextMonday(), 1);
        await("gateway, facility-booking and catapult-registry answer together", Duration.ofSeconds(45),
                Duration.ofSeconds(1), () -> get(availability, null).status() == 200);
    }

    public static boolean gatewayReady() {
        return get("/q/health/ready", null).status() == 200;
    }

    // ---- databases ----

    public static Connection jdbc(String database) throws SQLException {
        return DriverManager.getConnection(JDBC_BASE + database, JDBC_USER, JDBC_PASSWORD);
    }

    // ---- domain helpers ----

    /** The bookable, active facilities of the public catalogue, as JSON. */
    public static List<JsonNode> bookableFacilities() {
        Answer r = get("/api/v1/facilities?size=100", null);
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> result = new ArrayList<>();
        r.json().path("items").forEach(f -> {
            if (f.path("bookable").asBoolean() && f.path("active").asBoolean()) {
                result.add(f);
            }
        });
        assertFalse(result.isEmpty(), "the demo catalogue has bookable facilities");
        return result;
    }

    /** Finds the requested number of free slots on one bookable facility, some weeks ahead to stay clear of others. */
    public static List<Slots.Slot> freeSlots(int wanted) {
        List<JsonNode> facilities = bookableFacilities();
        int offset = ThreadLocalRandom.current().nextInt(facilities.size());
        for (int weeks = 1; weeks <= 8; weeks++) {
            for (int i = 0; i < facilities.size(); i++) {
                JsonNode facility = facility(facilities.get((i + offset) % facilities.size()).path("id").asText());
                List<Slots.Slot> slots = Slots.freeSlots(facility, Slots.nextMonday().plusWeeks(weeks), 7, wanted);
                if (slots.size() >= wanted) {
                    return slots;
                }
            }
        }
        throw new AssertionError("no facility has " + wanted + " free slots in the next eight weeks");
    }

    public static JsonNode facility(String id) {
        Answer r = get("/api/v1/facilities/" + id, null);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    /** Creates a booking as sme-anna; returns its id. */
    public static String book(Slots.Slot slot, String purpose) {
        Answer r = call("POST", "/api/v1/bookings", "sme-anna", slot.bookingBody(purpose),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertEquals(201, r.status(), () -> "booking " + slot + ": " + r);
        return r.json().path("id").asText();
    }

    /** Cancels a booking as sme-anna; an already cancelled one is fine. For clean-up. */
    public static void cancelQuietly(String bookingId, String reason) {
        if (bookingId != null) {
            call("POST", "/api/v1/bookings/" + bookingId + "/cancel", "sme-anna", Map.of("reason", reason));
        }
    }
}

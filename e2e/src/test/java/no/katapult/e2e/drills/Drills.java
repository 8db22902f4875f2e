package no.katapult.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The running suite as the drills see it: the gateway, tokens from Keycloak's token endpoint, the services'
 * own readiness endpoints, and the databases by JDBC. A public counterpart of the journeys' package-private
 * {@code Suite}, on the JDK's HTTP client so that each call's duration is the call's own.
 */
public final class Drills {

    public static final String GATEWAY = prop("gateway.url", "E2E_GATEWAY_URL", "http://localhost:8080");
    public static final String KEYCLOAK = prop("keycloak.url", "E2E_KEYCLOAK_URL", "http://localhost:8180");
    public static final String REALM = KEYCLOAK + "/realms/catapult";
    /** The server of the three databases (embedded PostgreSQL of ./catapult up). */
    public static final String JDBC_BASE = prop("e2e.jdbc.base", "E2E_JDBC_BASE", "jdbc:postgresql://localhost:15432/");
    public static final String JDBC_USER = prop("e2e.jdbc.user", "E2E_JDBC_USER", "postgres");
    public static final String JDBC_PASSWORD = prop("e2e.jdbc.password", "E2E_JDBC_PASSWORD", "postgres");
    public static final int REGISTRY_PORT = Integer.parseInt(prop("e2e.registry.port", "REGISTRY_PORT", "8081"));
    public static final int APPLICATION_PORT = Integer.parseInt(prop("e2e.application.port", "APPLICATION_PORT", "8082"));
    public static final int BOOKING_PORT = Integer.parseInt(prop("e2e.booking.port", "BOOKING_PORT", "8083"));

    public static final String ANNA_ORG = "910000012";
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    public static final ObjectMapper JSON = new ObjectMapper();

    /** A Java stack frame or exception class name: never part of an answer. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "Exception|\\bat [a-zA-Z_$][\\w$]*(\\.[\\w$]+)+\\(|\\.java:\\d+");

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();

    private Drills() {
    }

    private static String prop(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }

    // ---- HTTP ----

    /** One answer, with the time the call took as the client saw it. */
    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers, long millis) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        public String problemType() {
            return isProblem() ? json().path("type").asText() : null;
        }

        public boolean hasStackTrace() {
            return STACK_TRACE.matcher(body).find();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " in " + millis + " ms: "
                    + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    /** A request through the gateway (or any absolute URL). {@code user} null = anonymous. */
    public static Reply call(String method, String pathOrUrl, String user, String jsonBody) {
        return call(method, pathOrUrl, user, jsonBody, Map.of());
    }

    public static Reply call(String method, String pathOrUrl, String user, String jsonBody, Map<String, String> headers) {
        return send(method, pathOrUrl, user == null ? null : token(user), jsonBody, headers, Duration.ofSeconds(30));
    }

    public static Reply send(String method, String pathOrUrl, String bearer, String body, Map<String, String> headers,
                             Duration timeout) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : GATEWAY + pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Accept", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - t0) / 1_000_000;
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(),
                    r.headers().map(), millis);
        } catch (IOException e) {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            // Status 0: no HTTP answer at all (connection refused or reset).
            return new Reply(0, null, e.toString(), Map.of(), millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static Reply get(String path, String user) {
        return call("GET", path, user, null);
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- tokens ----

    private record Token(String value, long expiresAtNanos) {
    }

    /** A user's access token (password grant of the public CLI client; demo users have password = username). */
    public static String token(String username) {
        Token t = TOKENS.get(username);
        if (t == null || System.nanoTime() > t.expiresAtNanos) {
            t = fetchToken(username);
            TOKENS.put(username, t);
        }
        return t.value;
    }

    private static Token fetchToken(String username) {
        String form = "grant_type=password&client_id=catapult-cli&username=" + q(username) + "&password=" + q(username);
        HttpRequest request = HttpRequest.newBuilder(URI.create(REALM + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), () -> "token for " + username + ": " + r.body());
            JsonNode json = JSON.readTree(r.body());
            long lifetime = json.path("expires_in").asLong(300);
            // Renewed a minute early: a drill must not meet an expiring token mid-way.
            return new Token(json.path("access_token").asText(),
                    System.nanoTime() + Duration.ofSeconds(Math.max(10, lifetime - 60)).toNanos());
        } catch (IOException e) {
            throw new AssertionError("Keycloak at " + REALM + " does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- assertions and waiting ----

    /** A problem+json answer of this status, with a request id and without a stack trace. */
    public static Reply assertProblem(Reply r, int status) {
        assertEquals(status, r.status(), () -> "status of " + r);
        assertTrue(r.isProblem(), () -> "problem+json expected: " + r);
        assertEquals(status, r.json().path("status").asInt(), () -> "status member: " + r);
        assertFalse(r.json().path("requestId").asText().isEmpty(), () -> "requestId: " + r);
        assertFalse(r.hasStackTrace(), () -> "stack trace in: " + r);
        return r;
    }

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
    public static Reply readiness(int port) {
        return send("GET", "http://localhost:" + port + "/q/health/ready", null, null, Map.of(), Duration.ofSeconds(5));
    }

    public static boolean ready(int port) {
        Reply r = readiness(port);
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
        var monday = nextMonday();
        String availability = "/api/v1/availability?resourceType=FACILITY&resourceId=" + facilityId
                + "&from=" + q(monday.toOffsetDateTime().toString())
                + "&to=" + q(monday.plusDays(1).toOffsetDateTime().toString());
        await("gateway, facility-booking and catapult-registry answer together", Duration.ofSeconds(45),
                Duration.ofSeconds(1), () -> get(availability, null).status() == 200);
    }

    public static boolean gatewayReady() {
        Reply r = call("GET", "/q/health/ready", null, null);
        return r.status() == 200;
    }

    // ---- databases ----

    public static Connection jdbc(String database) throws SQLException {
        return DriverManager.getConnection(JDBC_BASE + database, JDBC_USER, JDBC_PASSWORD);
    }

    // ---- domain helpers ----

    /** A valid demo organisation number (MOD11, weights 3 2 7 6 5 4 3 2) with the given two-digit prefix. */
    public static String randomOrgNo(String prefix) {
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        while (true) {
            StringBuilder sb = new StringBuilder(prefix);
            while (sb.length() < 8) {
                sb.append(ThreadLocalRandom.current().nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (sb.charAt(i) - '0') * weights[i];
            }
            int remainder = sum % 11;
            if (remainder == 1) {
                continue;
            }
            return sb.append(remainder == 0 ? 0 : 11 - remainder).toString();
        }
    }

    /** The bookable, active facilities of the public catalogue, as JSON. */
    public static List<JsonNode> bookableFacilities() {
        Reply r = get("/api/v1/facilities?size=100", null);
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> result = new java.util.ArrayList<>();
        r.json().path("items").forEach(f -> {
            if (f.path("bookable").asBoolean() && f.path("active").asBoolean()) {
                result.add(f);
            }
        });
        assertFalse(result.isEmpty(), "the demo catalogue has bookable facilities");
        return result;
    }

    public record Slot(String facilityId, OffsetDateTime start, OffsetDateTime end) {
        /** A booking request body for this slot. */
        public String bookingBody(String purpose) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("resourceType", "FACILITY");
            body.put("resourceId", facilityId);
            body.put("start", start.toString());
            body.put("end", end.toString());
            body.put("purpose", purpose);
            return json(body);
        }
    }

    /**
     * Free slots of the facility's minimum duration, aligned to its granularity, from the public availability
     * endpoint, in the window [from, from + days). Slots are spaced so that their buffers never touch.
     */
    public static List<Slot> freeSlots(JsonNode facility, ZonedDateTime from, int days, int wanted) {
        String id = facility.path("id").asText();
        JsonNode rules = facility.path("bookingRules");
        int granularity = Math.max(1, rules.path("slotGranularityMinutes").asInt(30));
        int minutes = Math.max(rules.path("minDurationMinutes").asInt(60), granularity);
        int buffer = rules.path("bufferMinutes").asInt(0);
        Reply r = get("/api/v1/availability?resourceType=FACILITY&resourceId=" + id
                + "&from=" + q(from.toOffsetDateTime().toString())
                + "&to=" + q(from.plusDays(days).toOffsetDateTime().toString()), null);
        assertEquals(200, r.status(), r::toString);
        List<Slot> slots = new java.util.ArrayList<>();
        for (JsonNode interval : r.json().path("intervals")) {
            OffsetDateTime start = align(OffsetDateTime.parse(interval.path("start").asText()), granularity);
            OffsetDateTime end = OffsetDateTime.parse(interval.path("end").asText());
            while (!start.plusMinutes(minutes).isAfter(end) && slots.size() < wanted) {
                slots.add(new Slot(id, start, start.plusMinutes(minutes)));
                start = align(start.plusMinutes(minutes + 2L * buffer), granularity);
            }
        }
        return slots;
    }

    /** Finds the requested number of free slots on one bookable facility, some weeks ahead to stay clear of others. */
    public static List<Slot> freeSlots(int wanted) {
        List<JsonNode> facilities = bookableFacilities();
        int offset = ThreadLocalRandom.current().nextInt(facilities.size());
        for (int weeks = 1; weeks <= 8; weeks++) {
            for (int i = 0; i < facilities.size(); i++) {
                JsonNode facility = facility(facilities.get((i + offset) % facilities.size()).path("id").asText());
                List<Slot> slots = freeSlots(facility, nextMonday().plusWeeks(weeks), 7, wanted);
                if (slots.size() >= wanted) {
                    return slots;
                }
            }
        }
        throw new AssertionError("no facility has " + wanted + " free slots in the next eight weeks");
    }

    public static JsonNode facility(String id) {
        Reply r = get("/api/v1/facilities/" + id, null);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    public static ZonedDateTime nextMonday() {
        return LocalDate.now(OSLO).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(OSLO);
    }

    /** Rounds up to the next multiple of the granularity, counted from local midnight in Oslo. */
    public static OffsetDateTime align(OffsetDateTime t, int granularityMinutes) {
        ZonedDateTime local = t.atZoneSameInstant(OSLO);
        ZonedDateTime midnight = local.toLocalDate().atStartOfDay(OSLO);
        long seconds = Duration.between(midnight, local).toSeconds();
        long step = granularityMinutes * 60L;
        long rounded = ((seconds + step - 1) / step) * step;
        return midnight.plusSeconds(rounded).toOffsetDateTime();
    }

    /** Creates a booking as sme-anna; returns its id. */
    public static String book(Slot slot, String purpose) {
        Reply r = call("POST", "/api/v1/bookings", "sme-anna", slot.bookingBody(purpose),
                Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertEquals(201, r.status(), () -> "booking " + slot + ": " + r);
        return r.json().path("id").asText();
    }

    /** Cancels a booking as sme-anna; an already cancelled one is fine. For clean-up. */
    public static void cancelQuietly(String bookingId, String reason) {
        if (bookingId != null) {
            call("POST", "/api/v1/bookings/" + bookingId + "/cancel", "sme-anna", json(Map.of("reason", reason)));
        }
    }
}

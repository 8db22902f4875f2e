package no.katapult.e2e.replicas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import no.katapult.client.Answer;
import no.katapult.client.Api;
import no.katapult.client.ApiException;
import no.katapult.client.Retry;
import no.katapult.e2e.Slots;
import no.katapult.e2e.Suite;
import no.katapult.e2e.drills.BookingGuarantee;
import no.katapult.e2e.drills.Drills;
import no.katapult.e2e.drills.StackControl;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replica drill, against {@code ./catapult up --replicas 2} with the gateways' buckets in Redis: under a steady
 * load of reads and idempotent bookings through both gateways, one instance of each domain service is stopped and
 * started again. Every request ends in an answer a client can act on (what fails is retried by the client, as
 * the API allows for reads and for POSTs with an Idempotency-Key); no two active bookings overlap; every booking
 * made reaches the event feed; and one client's rate-limit budget is one budget across both gateways, in Redis.
 */
class ReplicaDrillTest {

    static final String GATEWAY_2 = Suite.setting("gateway2.url", "E2E_GATEWAY_2_URL", "http://localhost:8090");
    static final String REDIS = Suite.setting("redis.url", "GATEWAY_RATE_LIMIT_REDIS_URL", "redis://127.0.0.1:6379");
    static final String KEY_PREFIX = "katapult:gateway:rate-limit:client:";
    static final List<String> VICTIMS = List.of("registry-2", "application-2", "booking-2", "events-2");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the gateways' clients asked again after a 502 or 504, noted by their retry listener. */
    static final List<String> RESENT = new CopyOnWriteArrayList<>();

    /**
     * Both gateways, each as a client that retries what may be retried (503, 429, a refused connection, and 502
     * or 504 for a request that may be repeated), telling the drill which 502s and 504s it sent again.
     */
    final List<Api> gateways = List.of(gateway(Suite.GATEWAY), gateway(GATEWAY_2));

    private static Api gateway(String url) {
        return Api.builder(url).tokens(Suite.REALM + "/protocol/openid-connect/token")
                .onRetry((request, reason, wait) -> {
                    if (reason.startsWith("answered 502") || reason.startsWith("answered 504")) {
                        RESENT.add(request + " " + reason);
                    }
                })
                .build();
    }

    @Test
    void oneInstanceOfEachServiceGoesAndComesBackUnderLoadAndNothingIsLost() throws Exception {
        assertEquals(200, Drills.send("GET", GATEWAY_2 + "/q/health/ready", null, Duration.ofSeconds(5)).status(),
                "a second gateway at " + GATEWAY_2 + " (./catapult up --replicas 2)");
        String cursor = endOfFeed();
        ConcurrentLinkedQueue<Slots.Slot> slots = new ConcurrentLinkedQueue<>(Drills.freeSlots(16));
        // Signed in once: Keycloak refuses concurrent password grants of one user.
        String anna = Drills.token("sme-anna");
        RESENT.clear();
        List<String> failures = new CopyOnWriteArrayList<>();
        List<String> booked = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Api gateway = gateways.get(i);
            workers.add(load.submit(() -> {
                while (running.get()) {
                    for (String path : List.of("/api/v1/facilities?size=5", "/api/v1/centres", "/api/v1/equipment?size=5")) {
                        asAClientMay(failures, "GET " + path, () -> gateway.get(path).send(), 200);
                        reads.incrementAndGet();
                    }
                }
            }));
            workers.add(load.submit(() -> {
                while (running.get()) {
                    Slots.Slot slot = slots.poll();
                    if (slot == null) {
                        return;
                    }
                    String key = UUID.randomUUID().toString();
                    Answer a = asAClientMay(failures, "POST /api/v1/bookings " + slot,
                            () -> gateway.post("/api/v1/bookings").bearer(anna).idempotencyKey(key)
                                    .body(slot.bookingBody("Replica drill")).send(), 201);
                    if (a != null && a.status() == 201) {
                        booked.add(a.json().path("id").asText());
                    }
                    Drills.sleep(1_500);
                }
            }));
        }

        Drills.sleep(3_000);
        for (String part : VICTIMS) {
            StackControl.stop(part);
            Drills.sleep(4_000);
            StackControl.start(part);
        }
        running.set(false);
        for (Future<?> w : workers) {
            w.get(2, TimeUnit.MINUTES);
        }
        load.shutdown();
        System.out.printf("[replicas] %d reads, %d bookings (%d requests sent again after a 502/504: %s), failures: %s%n",
                reads.get(), booked.size(), RESENT.size(), RESENT, failures);

        assertEquals(List.of(), failures, "requests that ended without an answer a client can act on");
        assertTrue(reads.get() > 50 && booked.size() >= 8, "a steady load: " + reads.get() + " reads, " + booked.size() + " bookings");
        BookingGuarantee.assertHolds("replicas");
        Set<String> missing = new HashSet<>(booked);
        Drills.await("every booking of the drill in the event feed", Duration.ofSeconds(90), Duration.ofSeconds(2), () -> {
            missing.removeAll(bookingsInFeed(cursor));
            return missing.isEmpty();
        });
    }

    @Test
    void oneClientHasOneBudgetAcrossBothGatewaysKeptInRedis() {
        // A user the load above does not use; the drill's stack keeps the budget small and slow to refill
        // (GATEWAY_RATE_LIMIT_CAPACITY=30, GATEWAY_RATE_LIMIT_REFILL_TOKENS=5 in .ci/run), so that a spent budget
        // stays spent while the second gateway is asked.
        String user = "reviewer-2";
        String token = Drills.token(user);
        Api first = Suite.API.withRetry(Retry.NONE);
        Api second = gateways.get(1).withRetry(Retry.NONE);
        // Requests go out in concurrent bursts, so that the budget is spent, and asked of the second gateway, faster
        // than it refills, however slow the machine.
        ExecutorService burst = Executors.newFixedThreadPool(10);
        try {
            int allowed = 0;
            Answer last = null;
            for (int round = 0; round < 40 && (last == null || last.status() != 429); round++) {
                for (Answer a : burst(burst, first, token, 10)) {
                    assertTrue(a.status() == 200 || a.status() == 429, a::toString);
                    allowed += a.status() == 200 ? 1 : 0;
                    if (last == null || last.status() != 429) {
                        last = a;
                    }
                }
            }
            assertEquals(429, last.status(), "the first gateway limits the client: " + last);
            long limitedAtSecond = burst(burst, second, token, 10).stream().filter(a -> a.status() == 429).count();
            System.out.printf("[replicas] %d requests allowed at the first gateway, then %d of 10 limited at the second%n",
                    allowed, limitedAtSecond);
            int capacity = Integer.parseInt(last.header("RateLimit-Limit").orElseThrow());
            assertTrue(capacity >= 10, "a budget of more than the 10 requests sent to the second gateway: " + capacity);
            assertTrue(limitedAtSecond >= 5, "the second gateway draws on the same, spent, budget: " + limitedAtSecond
                    + " of 10 limited (its own budget would have let all 10 through)");
            checkRedis(user, token, capacity);
        } finally {
            burst.shutdownNow();
        }
    }

    private static List<Answer> burst(ExecutorService pool, Api gateway, String token, int n) {
        List<java.util.concurrent.Callable<Answer>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(() -> gateway.get("/api/v1/centres?size=1").bearer(token).send());
        }
        try {
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError("a burst of requests failed", e);
        }
    }

    private static void checkRedis(String user, String token, int capacity) {
        String subject = subject(token);
        RedisClient redis = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            // Keys name the quota's shape (capacity-refill-period) and the client.
            List<String> keys = connection.sync().keys(KEY_PREFIX + capacity + "-*").stream()
                    .filter(k -> k.endsWith(subject)).toList();
            assertEquals(1, keys.size(), "one bucket in Redis for " + user + " (" + subject + "): " + keys);
        } finally {
            redis.shutdown();
        }
    }

    /**
     * Sends an idempotent request (a read, or a write with its Idempotency-Key) as a client may: the API client
     * retries it after 503, 429, 502 and 504 itself, which the request's idempotency makes safe. Notes a failure
     * when the last answer is not the expected one: that is a request a client could not have completed by
     * retrying safely.
     */
    private static Answer asAClientMay(List<String> failures, String what, java.util.function.Supplier<Answer> call,
                                       int expected) {
        Answer a = send(call);
        if (a == null || a.status() != expected) {
            failures.add(what + " -> " + (a == null ? "no answer" : a.status() + " " + a.body()));
        }
        return a;
    }

    /** The answer after the API client's own retries, or null when none came. */
    private static Answer send(java.util.function.Supplier<Answer> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            return null;
        }
    }

    /** The cursor after the last event in the feed now. */
    private static String endOfFeed() {
        String cursor = null;
        while (true) {
            Answer page = Drills.call("GET", "/api/v1/events?size=500" + (cursor == null ? "" : "&after=" + cursor), "siva-admin", null);
            assertEquals(200, page.status(), page::toString);
            String next = page.json().path("next").asText(null);
            if (page.json().path("items").isEmpty() || next == null || next.equals(cursor)) {
                return next == null ? cursor : next;
            }
            cursor = next;
        }
    }

    /** The booking ids that booking events after {@code cursor} name. */
    private static Set<String> bookingsInFeed(String cursor) {
        Set<String> ids = new HashSet<>();
        String after = cursor;
        for (int pages = 0; pages < 50; pages++) {
            Answer page = Drills.call("GET", "/api/v1/events?size=500&type=no.katapult.booking." + (after == null ? "" : "&after=" + after),
                    "siva-admin", null);
            assertEquals(200, page.status(), page::toString);
            for (JsonNode event : page.json().path("items")) {
                ids.add(event.path("subject").asText().replaceFirst("^bookings/", ""));
            }
            String next = page.json().path("next").asText(null);
            if (page.json().path("items").isEmpty() || next == null || next.equals(after)) {
                break;
            }
            after = next;
        }
        return Collections.unmodifiableSet(ids);
    }

    private static String subject(String jwt) {
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
            return claims.path("sub").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWT", e);
        }
    }
}

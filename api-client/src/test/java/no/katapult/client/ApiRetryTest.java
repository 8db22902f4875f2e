package no.katapult.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retries against a real local HTTP server: what is retried, how long it waits, and when it gives up. */
class ApiRetryTest {

    private static final Retry FAST = new Retry(Duration.ofSeconds(5), Duration.ofMillis(20), Duration.ofMillis(100));
    private static final TestServer.Reply OK = TestServer.Reply.json(200, "{\"ok\": true}");

    private final TestServer server = TestServer.start();
    private final List<String> told = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private Api api(Retry retry) {
        return Api.builder(server.url()).retry(retry)
                .onRetry((request, reason, wait) -> told.add(request + ": " + reason)).build();
    }

    /** 503 for the first {@code failures} requests, with these headers; then 200. */
    private static TestServer.Script unavailable(int failures, Map<String, String> headers) {
        return (n, request) -> n <= failures ? new TestServer.Reply(503, headers, "") : OK;
    }

    @Test
    void a503IsRetriedUntilTheServiceAnswers() {
        server.on("/things", unavailable(3, Map.of()));
        Answer a = api(FAST).get("/things").send();
        assertEquals(200, a.status());
        assertEquals(4, server.seen("/things").size());
        assertEquals(3, told.size(), told::toString);
        assertTrue(told.get(0).startsWith("GET /things: answered 503"), told::toString);
        assertTrue(a.duration().toMillis() >= 3 * 10, "the duration counts the waits: " + a.duration());
    }

    @Test
    void retryAfterInSecondsIsHonouredOverAShorterBackoff() {
        server.on("/things", unavailable(1, Map.of("Retry-After", "1")));
        long t0 = System.nanoTime();
        Answer a = api(FAST).get("/things").send();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, a.status());
        List<TestServer.Seen> seen = server.seen("/things");
        assertEquals(2, seen.size());
        long gap = (seen.get(1).nanos() - seen.get(0).nanos()) / 1_000_000;
        assertTrue(gap >= 990, "waited " + gap + " ms for Retry-After: 1 (backoff alone: at most 20 ms)");
        assertTrue(millis < 3000, "and not much longer: " + millis + " ms");
        assertTrue(told.get(0).contains("Retry-After: 1"), told::toString);
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        server.on("/things", (n, request) -> n > 1 ? OK : new TestServer.Reply(503, Map.of("Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2))), ""));
        assertEquals(200, api(FAST).get("/things").send().status());
        List<TestServer.Seen> seen = server.seen("/things");
        long gap = (seen.get(1).nanos() - seen.get(0).nanos()) / 1_000_000;
        // The date has whole seconds: two seconds ahead is one to two seconds away.
        assertTrue(gap >= 900 && gap < 2500, "waited " + gap + " ms for a date 2 s ahead");
    }

    @Test
    void a429IsRetriedLikeA503() {
        server.on("/things", (n, request) -> n == 1 ? TestServer.Reply.json(429, "{}") : OK);
        assertEquals(200, api(FAST).get("/things").send().status());
        assertEquals(2, server.seen("/things").size());
    }

    @Test
    void theBackoffIsBoundedAndTheLastAnswerReturnedWhenTheBudgetIsSpent() {
        server.on("/things", unavailable(Integer.MAX_VALUE, Map.of()));
        Retry retry = new Retry(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200));
        long t0 = System.nanoTime();
        Answer a = api(retry).get("/things").send();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(503, a.status(), "the last answer, as it came");
        assertTrue(millis <= 1300, "within the budget of 1 s (plus one answer): " + millis + " ms");
        List<TestServer.Seen> seen = server.seen("/things");
        assertTrue(seen.size() >= 5, "kept asking: " + seen.size() + " attempts");
        for (int i = 1; i < seen.size(); i++) {
            long gap = (seen.get(i).nanos() - seen.get(i - 1).nanos()) / 1_000_000;
            assertTrue(gap <= 300, "no wait longer than the 200 ms cap: " + gap + " ms before attempt " + (i + 1));
        }
    }

    @Test
    void aRetryAfterPastTheBudgetEndsTheRetriesAtOnce() {
        server.on("/things", unavailable(1, Map.of("Retry-After", "120")));
        long t0 = System.nanoTime();
        Answer a = api(FAST).get("/things").send();
        assertEquals(503, a.status());
        assertEquals(1, server.seen("/things").size());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000, "no wait that cannot end within the budget");
    }

    @Test
    void aGatewaysNoAnswerIsAskedAgainOnlyForARequestThatMayBeRepeated() {
        server.on("/read", (n, request) -> n == 1 ? TestServer.Reply.json(502, "{}") : n == 2
                ? TestServer.Reply.json(504, "{}") : OK);
        assertEquals(200, api(FAST).get("/read").send().status());
        assertEquals(3, server.seen("/read").size());

        server.on("/write", (n, request) -> TestServer.Reply.json(504, "{}"));
        assertEquals(504, api(FAST).post("/write").body("{\"name\": \"x\"}").send().status());
        assertEquals(1, server.seen("/write").size(), "a POST without a key may have been carried out: not repeated");
    }

    @Test
    void aPostWithoutIdempotencyKeyIsNotRetried() {
        server.on("/things", unavailable(1, Map.of("Retry-After", "0")));
        Answer a = api(FAST).post("/things").body("{\"name\": \"x\"}").send();
        assertEquals(503, a.status());
        assertEquals(1, server.seen("/things").size());
        assertEquals(List.of(), told);
    }

    @Test
    void aPostWithIdempotencyKeyIsRetriedWithTheSameKeyAndBody() {
        server.on("/things", unavailable(2, Map.of()));
        Answer a = api(FAST).post("/things").idempotencyKey("k-1").body(Map.of("name", "x")).send();
        assertEquals(200, a.status());
        List<TestServer.Seen> seen = server.seen("/things");
        assertEquals(3, seen.size());
        seen.forEach(s -> {
            assertEquals("k-1", s.header("Idempotency-Key"));
            assertEquals("{\"name\":\"x\"}", s.body());
        });
    }

    @Test
    void putAndDeleteAreRetriedLikeGet() {
        server.on("/put", unavailable(1, Map.of())).on("/delete", unavailable(1, Map.of()));
        assertEquals(200, api(FAST).put("/put").body("{}").send().status());
        assertEquals(2, server.seen("/put").size());
        assertEquals(200, api(FAST).request("DELETE", "/delete").send().status());
        assertEquals(2, server.seen("/delete").size());
    }

    @Test
    void idempotentAreGetHeadPutDeleteAndAPostWithAKey() {
        Api api = api(FAST);
        for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "get")) {
            assertTrue(api.request(method, "/things").idempotent(), method);
        }
        assertFalse(api.request("PATCH", "/things").idempotent());
        assertFalse(api.post("/things").idempotent());
        assertTrue(api.post("/things").header("idempotency-key", "k").idempotent(), "the name is case-insensitive");
    }

    @Test
    void otherErrorsAreNotRetried() {
        server.on("/things", (n, request) -> TestServer.Reply.json(500, "{}"));
        assertEquals(500, api(FAST).get("/things").send().status());
        assertEquals(1, server.seen("/things").size());
    }

    @Test
    void retryingCanBeSwitchedOffPerClientAndPerRequest() {
        server.on("/things", unavailable(Integer.MAX_VALUE, Map.of()));
        Api retrying = api(FAST);
        assertEquals(503, retrying.get("/things").retry(Retry.NONE).send().status());
        assertEquals(1, server.seen("/things").size(), "per request");
        assertEquals(503, retrying.withRetry(Retry.NONE).get("/things").send().status());
        assertEquals(2, server.seen("/things").size(), "per client");
        assertEquals(503, api(Retry.NONE).get("/things").retry(FAST.within(Duration.ofMillis(300))).send().status());
        assertTrue(server.seen("/things").size() > 3, "and on again per request");
        assertEquals(Retry.NONE, retrying.withRetry(Retry.NONE).retry());
    }

    @Test
    void aRefusedConnectionIsRetriedUntilTheServerListens() throws Exception {
        int port = TestServer.freePort();
        AtomicReference<TestServer> late = new AtomicReference<>();
        ScheduledExecutorService starter = Executors.newSingleThreadScheduledExecutor();
        try {
            starter.schedule(() -> late.set(TestServer.start(port).on("/things", (n, r) -> OK)), 400,
                    TimeUnit.MILLISECONDS);
            Api api = Api.builder("http://127.0.0.1:" + port).retry(FAST)
                    .onRetry((request, reason, wait) -> told.add(reason)).build();
            // Nothing reached the server, so even a POST without a key is sent again.
            Answer a = api.post("/things").body("{}").send();
            assertEquals(200, a.status());
            assertTrue(told.contains("connection refused"), told::toString);
            assertEquals(1, late.get().seen("/things").size());
        } finally {
            starter.shutdownNow();
            if (late.get() != null) {
                late.get().close();
            }
        }
    }

    @Test
    void aRefusedConnectionWithoutRetryOrPastTheBudgetIsAnApiException() {
        String nobody = "http://127.0.0.1:" + TestServer.freePort();
        ApiException e = assertThrows(ApiException.class,
                () -> Api.builder(nobody).retry(Retry.NONE).build().get("/things").send());
        assertTrue(e.getMessage().startsWith("GET /things: no answer from " + nobody + "/things"), e.getMessage());
        assertTrue(e.answer().isEmpty());

        long t0 = System.nanoTime();
        assertThrows(ApiException.class, () -> Api.builder(nobody).retry(FAST.within(Duration.ofMillis(500))).build()
                .get("/things").send());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis >= 300 && millis < 1500, "kept trying for about the budget: " + millis + " ms");
    }
}

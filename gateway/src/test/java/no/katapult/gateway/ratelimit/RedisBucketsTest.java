package no.katapult.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Buckets in the machine's real Redis (127.0.0.1:6379, there in CI too). Every test run uses its own key prefix,
 * so runs never share a bucket; the keys expire by themselves.
 */
class RedisBucketsTest {

    private static final String PREFIX = "katapult:test:" + UUID.randomUUID() + ":";
    private static Vertx vertx;

    @BeforeAll
    static void vertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoGatewaysOnOneRedisShareEachClientsBudget() throws Exception {
        Quota quota = new Quota("client", 10, 1, Duration.ofHours(1));
        try (RedisBuckets first = store("redis://127.0.0.1:6379"); RedisBuckets second = store("redis://127.0.0.1:6379")) {
            assertEquals("redis", first.state().store());
            assertFalse(first.state().degraded(), first.state().detail());
            int allowed = 0;
            for (int i = 0; i < 30; i++) {
                allowed += consume(i % 2 == 0 ? first : second, quota, "sub:anna").isConsumed() ? 1 : 0;
            }
            assertEquals(10, allowed, "one budget of 10, not 10 per gateway");
            ConsumptionProbe refused = consume(second, quota, "sub:anna");
            assertFalse(refused.isConsumed());
            assertTrue(refused.getNanosToWaitForRefill() > TimeUnit.MINUTES.toNanos(59), "one token per hour");
            assertTrue(consume(first, quota, "sub:bjorn").isConsumed(), "another client has its own budget");
        }
        try (RedisBuckets restarted = store("redis://127.0.0.1:6379")) {
            assertFalse(consume(restarted, quota, "sub:anna").isConsumed(), "the budget outlives a gateway");
        }
    }

    @Test
    void withoutRedisTheGatewayLimitsWithItsOwnBucketsAndSharesAgainOnceRedisIsBack() throws Exception {
        Quota quota = new Quota("client", 5, 1, Duration.ofHours(1));
        try (RedisRelay relay = new RedisRelay(vertx)) {
            relay.start();
            try (RedisBuckets store = store(relay.url())) {
                ConsumptionProbe shared = null;
                for (int i = 0; i < 3; i++) {
                    shared = consume(store, quota, "sub:carl");
                    assertTrue(shared.isConsumed());
                }
                assertEquals(2, shared.getRemainingTokens(), "2 left in Redis");

                relay.stop();
                // Decided by this gateway's own bucket (full: it never saw this client), never let through unlimited.
                ConsumptionProbe local = consume(store, quota, "sub:carl");
                assertTrue(local.isConsumed());
                assertEquals(4, local.getRemainingTokens());
                BucketStoreState degraded = store.state();
                assertTrue(degraded.degraded());
                assertEquals("memory", degraded.store());
                assertTrue(degraded.detail().contains("127.0.0.1"), degraded.detail());
                for (int i = 0; i < 4; i++) {
                    assertTrue(consume(store, quota, "sub:carl").isConsumed());
                }
                assertFalse(consume(store, quota, "sub:carl").isConsumed(), "the local limit holds");
                assertEquals(degraded, store.state(), "one change, reported once");

                relay.start();
                Instant deadline = Instant.now().plusSeconds(10);
                while (store.state().degraded()) {
                    assertTrue(Instant.now().isBefore(deadline), "never reconnected: " + store.state());
                    Thread.sleep(50);
                }
                assertEquals("redis", store.state().store());
                // The shared bucket again, with the 2 tokens it had left.
                assertTrue(consume(store, quota, "sub:carl").isConsumed());
                assertTrue(consume(store, quota, "sub:carl").isConsumed());
                assertFalse(consume(store, quota, "sub:carl").isConsumed());
            }
        }
    }

    @Test
    void aGatewayStartingWithoutRedisLimitsLocallyFromTheStart() throws Exception {
        Quota quota = new Quota("ip", 2, 1, Duration.ofHours(1));
        try (RedisBuckets store = store("redis://127.0.0.1:" + RedisRelay.freePort())) {
            assertTrue(store.state().degraded());
            assertTrue(consume(store, quota, "203.0.113.9").isConsumed());
            assertTrue(consume(store, quota, "203.0.113.9").isConsumed());
            assertFalse(consume(store, quota, "203.0.113.9").isConsumed());
        }
    }

    private static RedisBuckets store(String url) {
        return new RedisBuckets(url, PREFIX, Duration.ofMillis(500), Duration.ofMillis(200), new MemoryBuckets(1000),
                vertx);
    }

    private static ConsumptionProbe consume(RedisBuckets store, Quota quota, String client) throws Exception {
        return store.tryConsume(quota, client).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}

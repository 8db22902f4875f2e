package no.katapult.gateway.ratelimit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Points the gateway's rate limits at a {@link RedisRelay} in front of the real Redis. The test reaches the relay
 * through {@link #stopRelay()} and {@link #startRelay()}: handles are shared as JDK types, because the test and
 * this resource may be loaded by different class loaders.
 */
public class RedisRelayResource implements QuarkusTestResourceLifecycleManager {

    private static final String PROPERTY = "katapult.redis-relay";

    private Vertx vertx;
    private RedisRelay relay;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        relay = new RedisRelay(vertx);
        relay.start();
        System.getProperties().put(PROPERTY, Map.<String, Runnable>of("start", relay::start, "stop", relay::stop));
        return Map.of("gateway.rate-limit.redis.url", relay.url());
    }

    @Override
    public void stop() {
        System.getProperties().remove(PROPERTY);
        if (relay != null) {
            relay.close();
        }
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // closing anyway
            }
        }
    }

    static void stopRelay() {
        handle("stop").run();
    }

    static void startRelay() {
        handle("start").run();
    }

    private static Runnable handle(String name) {
        if (!(System.getProperties().get(PROPERTY) instanceof Map<?, ?> handles)) {
            throw new IllegalStateException("No Redis relay running");
        }
        return (Runnable) handles.get(name);
    }
}

package no.katapult.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Buckets in Redis (Bucket4j's compare-and-swap proxy over Lettuce), so that every gateway using the same Redis
 * and key prefix draws on one budget per client. A key names the quota and the client, and expires once the
 * bucket would be full again.
 *
 * <p>When Redis fails (no connection, an error, no answer within the timeout), the request is decided by this
 * gateway's own in-memory buckets, never let through unlimited, and the store reports itself degraded; the
 * change is logged once. Every retry interval the gateway reconnects, and once Redis answers again the limits
 * are shared again (logged once). Lettuce does not reconnect or queue commands on its own: while disconnected a
 * command fails at once instead of waiting for a timeout.
 */
final class RedisBuckets implements BucketStore {

    private static final Logger LOG = Logger.getLogger(RedisBuckets.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** A key outlives a full refill by this much, so a bucket is not dropped while still in use. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final MemoryBuckets fallback;
    private final Vertx vertx;
    private final String prefix;
    private final String display;
    private final Duration timeout;
    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final long timer;
    private volatile Connected connected;
    private volatile BucketStoreState state;
    private Phase phase = Phase.STARTING;
    private boolean connecting;
    private boolean closed;

    private enum Phase { STARTING, SHARED, FALLBACK }

    RedisBuckets(String url, String prefix, Duration timeout, Duration retryInterval, MemoryBuckets fallback,
                 Vertx vertx) {
        this.fallback = fallback;
        this.vertx = vertx;
        this.prefix = prefix;
        this.timeout = timeout;
        this.uri = RedisURI.create(url);
        this.display = display(uri);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        this.state = new BucketStoreState("redis", true, "connecting to " + display, Instant.now().toString());
        // The first connection is awaited, so that a gateway with a working Redis starts out sharing its limits.
        try {
            connect().toCompletableFuture().get(timeout.toMillis() * 2 + 1_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // connect() has already logged and recorded the failure.
        }
        this.timer = vertx.setPeriodic(Math.max(100, retryInterval.toMillis()), id -> reconnectIfDown());
    }

    @Override
    public Future<ConsumptionProbe> tryConsume(Quota quota, String client) {
        Connected c = connected;
        if (c == null) {
            return fallback.tryConsume(quota, client);
        }
        CompletableFuture<ConsumptionProbe> probe;
        try {
            probe = c.buckets.builder()
                    .build(prefix + quota.key() + ":" + client, () -> CompletableFuture.completedFuture(quota.bucket()))
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException e) {
            probe = CompletableFuture.failedFuture(e);
        }
        // Lettuce completes on its own threads; the request goes on on its event loop.
        Context context = Vertx.currentContext();
        Future<ConsumptionProbe> result = context == null ? Future.fromCompletionStage(probe)
                : Future.fromCompletionStage(probe, context);
        return result.recover(err -> {
            lost(c, err);
            return fallback.tryConsume(quota, client);
        });
    }

    @Override
    public BucketStoreState state() {
        return state;
    }

    /** The Redis address without credentials. */
    String display() {
        return display;
    }

    @Override
    public void close() {
        Connected c;
        synchronized (this) {
            closed = true;
            c = connected;
            connected = null;
        }
        vertx.cancelTimer(timer);
        if (c != null) {
            c.connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private void reconnectIfDown() {
        synchronized (this) {
            if (closed || connected != null || connecting) {
                return;
            }
        }
        connect();
    }

    /** Connects, checks with a PING, and starts sharing; on failure stays (or goes) on the local buckets. */
    private CompletionStage<Void> connect() {
        synchronized (this) {
            connecting = true;
        }
        return client.connectAsync(CODEC, uri)
                .thenCompose(connection -> connection.async().ping().thenApply(pong -> connection))
                .handle((connection, err) -> {
                    Phase before = null;
                    synchronized (this) {
                        connecting = false;
                        if (err == null && !closed) {
                            AsyncProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                                    .expirationAfterWrite(ExpirationAfterWriteStrategy
                                            .basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                                    .build()
                                    .asAsync();
                            before = phase;
                            phase = Phase.SHARED;
                            connected = new Connected(connection, buckets);
                            state = new BucketStoreState("redis", false, "buckets shared in Redis at " + display,
                                    Instant.now().toString());
                        } else if (connection != null) {
                            connection.closeAsync();
                        }
                    }
                    if (err != null) {
                        failed(err);
                    } else if (before != null) {
                        LOG.infof("Rate-limit store: Redis at %s %s; limits are shared by every gateway using it",
                                display, before == Phase.FALLBACK ? "answers again" : "connected");
                    }
                    return null;
                });
    }

    /** A command on {@code c} failed: drop the connection and decide locally until a reconnect works. */
    private void lost(Connected c, Throwable err) {
        synchronized (this) {
            if (connected != c) {
                return; // already handled
            }
            connected = null;
        }
        c.connection.closeAsync();
        failed(err);
    }

    private void failed(Throwable err) {
        String cause = describe(err);
        boolean changed;
        synchronized (this) {
            changed = phase != Phase.FALLBACK;
            if (changed) {
                phase = Phase.FALLBACK;
                state = new BucketStoreState("memory", true, "Redis at " + display + " failed (" + cause
                        + "); limits come from this gateway's own memory, not shared with other gateways",
                        Instant.now().toString());
            }
        }
        if (changed) {
            LOG.warnf("Rate-limit store: Redis at %s failed (%s); limiting with this gateway's own in-memory buckets,"
                    + " not shared with other gateways, until Redis answers again", display, cause);
        }
    }

    private static String describe(Throwable err) {
        Throwable t = err;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof
                java.util.concurrent.CompletionException)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private static String display(RedisURI uri) {
        return (uri.isSsl() ? "rediss" : "redis") + "://" + uri.getHost() + ":" + uri.getPort()
                + (uri.getDatabase() == 0 ? "" : "/" + uri.getDatabase());
    }

    private record Connected(StatefulRedisConnection<String, byte[]> connection, AsyncProxyManager<String> buckets) {
    }
}

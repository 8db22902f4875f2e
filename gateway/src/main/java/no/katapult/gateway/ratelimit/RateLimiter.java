package no.katapult.gateway.ratelimit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import no.katapult.gateway.metrics.GatewayMetrics;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per client: per address before authentication, per client (the token's subject, else the
 * address) after it, plus a stricter bucket on routes that configure one. The buckets live in this gateway's
 * memory, or in Redis when {@code gateway.rate-limit.redis.url} is set, so that several gateways share one budget
 * per client; without Redis at hand the gateway's own buckets decide (see {@link RedisBuckets}).
 */
// A singleton, not application-scoped: it sits on the request path, where a client proxy costs a lookup per call.
@Singleton
public class RateLimiter implements AutoCloseable {

    private static final Future<Decision> OFF = Future.succeededFuture();

    private final boolean enabled;
    private final boolean ipEnabled;
    private final Quota perIp;
    private final Quota perClient;
    private final Map<String, Quota> perRoute = new HashMap<>();
    private final BucketStore store;
    private final GatewayMetrics metrics;

    @Inject
    public RateLimiter(GatewayConfig config, RouteTable routes, Vertx vertx, GatewayMetrics metrics) {
        this.metrics = metrics;
        GatewayConfig.RateLimit rateLimit = config.rateLimit();
        this.enabled = rateLimit.enabled();
        this.ipEnabled = config.ipRateLimit().enabled();
        this.perIp = Quota.of("ip", config.ipRateLimit().limit());
        this.perClient = Quota.of("client", rateLimit.defaults());
        for (GatewayRoute route : routes.routes()) {
            route.rateLimit().ifPresent(limit -> perRoute.put(route.name(), Quota.of("route-" + route.name(), limit)));
        }
        MemoryBuckets memory = new MemoryBuckets(rateLimit.maxClients());
        GatewayConfig.Redis redis = rateLimit.redis();
        this.store = redis.url().isPresent() && (enabled || ipEnabled)
                ? new RedisBuckets(redis.url().get(), redis.keyPrefix(), redis.timeout(), redis.retryInterval(),
                        memory, vertx)
                : memory;
    }

    /** Takes one token from the bucket of a client IP address, before authentication; null when off. */
    public Future<Decision> tryAcquireIp(String clientIp) {
        return ipEnabled ? take(perIp, clientIp) : OFF;
    }

    /** Takes one token for {@code clientKey} on {@code route}; null when rate limiting is off. */
    public Future<Decision> tryAcquire(String clientKey, GatewayRoute route) {
        if (!enabled) {
            return OFF;
        }
        Quota strict = perRoute.get(route.name());
        if (strict == null) {
            return take(perClient, clientKey);
        }
        return take(strict, clientKey).compose(decision -> !decision.allowed() ? Future.succeededFuture(decision)
                // Report whichever limit is closer to running out.
                : take(perClient, clientKey).map(general ->
                        !general.allowed() || general.remaining() < decision.remaining() ? general : decision));
    }

    private Future<Decision> take(Quota quota, String client) {
        return store.tryConsume(quota, client).map(quota::decide).onSuccess(decision -> {
            if (!decision.allowed()) {
                metrics.rateLimited(quota.name());
            }
        });
    }

    /** Where the buckets are, and whether that is as configured. */
    public BucketStoreState storeState() {
        return store.state();
    }

    @PreDestroy
    @Override
    public void close() {
        store.close();
    }

    /**
     * The outcome, with what the RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers) and Retry-After say.
     *
     * @param resetSeconds seconds until the bucket is full again
     * @param retryAfterSeconds seconds until the next request can pass (0 when this one passed)
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
                           String policy) {

        /** The RateLimit-* headers, and Retry-After when refused. */
        public void writeHeaders(io.vertx.core.http.HttpServerResponse response) {
            response.putHeader("RateLimit-Limit", Long.toString(limit))
                    .putHeader("RateLimit-Remaining", Long.toString(remaining))
                    .putHeader("RateLimit-Reset", Long.toString(resetSeconds))
                    .putHeader("RateLimit-Policy", policy);
            if (!allowed) {
                response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
            }
        }
    }
}

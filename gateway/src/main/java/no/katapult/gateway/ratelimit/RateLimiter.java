package no.katapult.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets per client (the token's subject, else the client IP): one default bucket, plus one per route
 * that configures a stricter limit. Buckets live in bounded, expiring caches so that many clients cannot
 * exhaust memory: a bucket idle long enough to be full again carries no state worth keeping.
 */
// A singleton, not application-scoped: it sits on the request path, where a client proxy costs a lookup per call.
@Singleton
public class RateLimiter {

    private final boolean enabled;
    private final LimitedBuckets defaults;
    private final Map<String, LimitedBuckets> perRoute = new HashMap<>();

    @Inject
    public RateLimiter(GatewayConfig config, RouteTable routes) {
        this.enabled = config.rateLimit().enabled();
        long maxClients = config.rateLimit().maxClients();
        this.defaults = new LimitedBuckets(config.rateLimit().defaults(), maxClients);
        for (GatewayRoute route : routes.routes()) {
            route.rateLimit().ifPresent(limit -> perRoute.put(route.name(), new LimitedBuckets(limit, maxClients)));
        }
    }

    /** Takes one token for {@code clientKey} on {@code route}; null when rate limiting is off. */
    public Decision tryAcquire(String clientKey, GatewayRoute route) {
        if (!enabled) {
            return null;
        }
        LimitedBuckets strict = perRoute.get(route.name());
        if (strict != null) {
            Decision decision = strict.tryAcquire(clientKey);
            if (!decision.allowed()) {
                return decision;
            }
            Decision general = defaults.tryAcquire(clientKey);
            // Report whichever limit is closer to running out.
            return !general.allowed() || general.remaining() < decision.remaining() ? general : decision;
        }
        return defaults.tryAcquire(clientKey);
    }

    /**
     * The outcome, with what the RateLimit-* headers (draft-ietf-httpapi-ratelimit-headers) and Retry-After say.
     *
     * @param resetSeconds seconds until the bucket is full again
     * @param retryAfterSeconds seconds until the next request can pass (0 when this one passed)
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds,
                           String policy) {
    }

    private static final class LimitedBuckets {
        private final GatewayConfig.Limit limit;
        private final Cache<String, Bucket> buckets;
        private final double tokensPerSecond;
        private final String policy;

        LimitedBuckets(GatewayConfig.Limit limit, long maxClients) {
            if (limit.capacity() < 1 || limit.refillTokens() < 1 || limit.refillPeriod().isZero()
                    || limit.refillPeriod().isNegative()) {
                throw new IllegalStateException("A rate limit needs capacity >= 1, refill-tokens >= 1 and a positive"
                        + " refill-period");
            }
            this.limit = limit;
            this.tokensPerSecond = limit.refillTokens() / (limit.refillPeriod().toNanos() / 1e9);
            long secondsToFull = (long) Math.ceil(limit.capacity() / tokensPerSecond);
            this.policy = limit.capacity() + ";w=" + Math.max(1, secondsToFull);
            this.buckets = Caffeine.newBuilder()
                    .maximumSize(maxClients)
                    .expireAfterAccess(Duration.ofSeconds(secondsToFull + 1))
                    .build();
        }

        Decision tryAcquire(String clientKey) {
            Bucket bucket = buckets.get(clientKey, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limit.capacity())
                            .refillGreedy(limit.refillTokens(), limit.refillPeriod()).build())
                    .build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            long remaining = probe.getRemainingTokens();
            long reset = (long) Math.ceil((limit.capacity() - remaining) / tokensPerSecond);
            if (probe.isConsumed()) {
                return new Decision(true, limit.capacity(), remaining, reset, 0, policy);
            }
            long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
            return new Decision(false, limit.capacity(), 0, Math.max(reset, retryAfter), retryAfter, policy);
        }
    }
}

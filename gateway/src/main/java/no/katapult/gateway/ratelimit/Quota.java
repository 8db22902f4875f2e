package no.katapult.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import no.katapult.gateway.routing.GatewayConfig;

import java.time.Duration;

/**
 * One token-bucket limit under a name ("ip", "client", "route-availability"): a burst of {@code capacity}, then
 * {@code refillTokens} per {@code refillPeriod}. Turns a bucket's answer into a {@link RateLimiter.Decision}.
 */
public record Quota(String name, long capacity, long refillTokens, Duration refillPeriod) {

    public Quota {
        if (capacity < 1 || refillTokens < 1 || refillPeriod.isZero() || refillPeriod.isNegative()) {
            throw new IllegalStateException("A rate limit needs capacity >= 1, refill-tokens >= 1 and a positive"
                    + " refill-period");
        }
    }

    static Quota of(String name, GatewayConfig.Limit limit) {
        return new Quota(name, limit.capacity(), limit.refillTokens(), limit.refillPeriod());
    }

    double tokensPerSecond() {
        return refillTokens / (refillPeriod.toNanos() / 1e9);
    }

    /** Seconds an empty bucket takes to fill up again. */
    long secondsToFull() {
        return (long) Math.ceil(capacity / tokensPerSecond());
    }

    /** The RateLimit-Policy header: the burst and the window it refills over. */
    String policy() {
        return capacity + ";w=" + Math.max(1, secondsToFull());
    }

    BucketConfiguration bucket() {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillTokens, refillPeriod).build())
                .build();
    }

    /**
     * Names the limit and its parameters: gateways configured alike share a bucket, and a changed limit starts
     * afresh instead of inheriting a bucket shaped by the old one.
     */
    String key() {
        return name + ":" + capacity + "-" + refillTokens + "-" + refillPeriod.toMillis();
    }

    RateLimiter.Decision decide(ConsumptionProbe probe) {
        long remaining = probe.getRemainingTokens();
        long reset = (long) Math.ceil((capacity - remaining) / tokensPerSecond());
        if (probe.isConsumed()) {
            return new RateLimiter.Decision(true, capacity, remaining, reset, 0, policy());
        }
        long retryAfter = Math.max(1, (long) Math.ceil(probe.getNanosToWaitForRefill() / 1e9));
        return new RateLimiter.Decision(false, capacity, 0, Math.max(reset, retryAfter), retryAfter, policy());
    }
}

package no.katapult.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Buckets in this gateway's memory, in bounded, expiring caches (one per quota) so that many clients cannot
 * exhaust memory: a bucket idle long enough to be full again carries no state worth keeping.
 */
final class MemoryBuckets implements BucketStore {

    private final long maxClients;
    private final Map<String, Cache<String, Bucket>> byQuota = new ConcurrentHashMap<>();
    private final String since = Instant.now().toString();

    MemoryBuckets(long maxClients) {
        this.maxClients = maxClients;
    }

    @Override
    public Future<ConsumptionProbe> tryConsume(Quota quota, String client) {
        return Future.succeededFuture(consume(quota, client));
    }

    ConsumptionProbe consume(Quota quota, String client) {
        Cache<String, Bucket> buckets = byQuota.computeIfAbsent(quota.key(), k -> Caffeine.newBuilder()
                .maximumSize(maxClients)
                .expireAfterAccess(Duration.ofSeconds(quota.secondsToFull() + 1))
                .build());
        return buckets.get(client, k -> Bucket.builder().addLimit(quota.bucket().getBandwidths()[0]).build())
                .tryConsumeAndReturnRemaining(1);
    }

    @Override
    public BucketStoreState state() {
        return new BucketStoreState("memory", false, "buckets in this gateway's memory", since);
    }
}

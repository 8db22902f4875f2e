package no.katapult.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.Future;

/** Where the token buckets live. Futures complete on the caller's Vert.x context. */
interface BucketStore extends AutoCloseable {

    /** Takes one token from the bucket of {@code client} under {@code quota}. Never fails: a store falls back. */
    Future<ConsumptionProbe> tryConsume(Quota quota, String client);

    /** What the store is and whether it works as configured, for health reports. */
    BucketStoreState state();

    @Override
    default void close() {
    }
}

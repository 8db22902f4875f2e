package no.katapult.gateway.ratelimit;

/**
 * Where the buckets are, for health reports.
 *
 * @param store    "memory" or "redis": where requests are decided now
 * @param degraded true while a configured Redis cannot be used and this gateway's own buckets decide
 * @param detail   what happened, for people
 * @param since    when the store last changed state, as an ISO instant
 */
public record BucketStoreState(String store, boolean degraded, String detail, String since) {
}

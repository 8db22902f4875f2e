package no.katapult.events.delivery;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * When to try a failed delivery again: the Standard Webhooks schedule (at once, then after 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h and 10 h by default), or later when the receiver asked so with Retry-After (up to a cap).
 * After the last wait runs out the delivery is dead-lettered.
 */
public final class RetrySchedule {

    private final List<Duration> waits;
    private final Duration retryAfterMax;

    public RetrySchedule(List<Duration> waits, Duration retryAfterMax) {
        if (waits.isEmpty()) {
            throw new IllegalArgumentException("A retry schedule needs at least one wait");
        }
        this.waits = List.copyOf(waits);
        this.retryAfterMax = retryAfterMax;
    }

    /** Attempts in all: the first and one per wait. */
    public int maxAttempts() {
        return waits.size() + 1;
    }

    /**
     * The wait before the next attempt once {@code attemptsMade} attempts failed, or empty when that was the
     * last one. A Retry-After longer than the scheduled wait is honoured, up to the cap; a shorter one is not
     * (the schedule protects receivers that are struggling).
     */
    public Optional<Duration> nextWait(int attemptsMade, Optional<Duration> retryAfter) {
        if (attemptsMade < 1 || attemptsMade > waits.size()) {
            return Optional.empty();
        }
        Duration scheduled = waits.get(attemptsMade - 1);
        Duration asked = retryAfter.filter(d -> !d.isNegative())
                .map(d -> d.compareTo(retryAfterMax) > 0 ? retryAfterMax : d).orElse(Duration.ZERO);
        return Optional.of(asked.compareTo(scheduled) > 0 ? asked : scheduled);
    }

    /** A Retry-After header (RFC 9110: delay in seconds, or an HTTP date) as a wait from {@code now}. */
    public static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.strip();
        if (value.matches("\\d{1,10}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

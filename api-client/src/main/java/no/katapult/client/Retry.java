package no.katapult.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to ask again: a 503, 429, 502 or 504 answer, or a refused connection, is retried after an exponential backoff with
 * jitter, or after what {@code Retry-After} says if that is longer, until {@code budget} has passed since the first
 * attempt. A wait that would end past the budget is not started: the last answer is returned instead.
 *
 * <p>Only requests that may be repeated are retried (see {@link Request#idempotent()}); a refused connection is
 * retried for every method, as the request never reached the server.
 *
 * @param budget     the longest time from the first attempt to the start of the last one; zero turns retrying off
 * @param firstDelay the pause before the second attempt; it doubles for each attempt after that
 * @param maxDelay   the longest pause the backoff makes (a longer {@code Retry-After} is still honoured)
 */
public record Retry(Duration budget, Duration firstDelay, Duration maxDelay) {

    /** Every answer as it comes: for drills that must see a 503. */
    public static final Retry NONE = new Retry(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /** 250 ms, doubling up to 5 s, for at most 30 s in all. */
    public static final Retry STANDARD =
            new Retry(Duration.ofSeconds(30), Duration.ofMillis(250), Duration.ofSeconds(5));

    public Retry {
        if (budget.isNegative() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("a retry needs 0 <= firstDelay <= maxDelay and budget >= 0: "
                    + budget + ", " + firstDelay + ", " + maxDelay);
        }
    }

    /** The same backoff with another total time. */
    public Retry within(Duration budget) {
        return new Retry(budget, firstDelay, maxDelay);
    }

    public boolean enabled() {
        return budget.compareTo(Duration.ZERO) > 0;
    }

    /** Told before each wait, e.g. to log that the gateway is not ready yet. */
    @FunctionalInterface
    public interface Listener {
        Listener SILENT = (request, reason, wait) -> {
        };

        void retrying(String request, String reason, Duration wait);
    }

    /**
     * The statuses worth asking again for a request that may be repeated: 503 and 429 say "not now, later" (it
     * was not carried out); 502 and 504 say the gateway got no answer, so it may or may not have been carried out,
     * which an idempotent request tolerates.
     */
    static boolean retryable(int status) {
        return status == 503 || status == 429 || status == 502 || status == 504;
    }

    /**
     * The pause after the given failed attempt (1 = the first): {@code firstDelay * 2^(attempt-1)}, capped at
     * {@code maxDelay}, of which the upper half is random so that clients that failed together do not return
     * together.
     */
    Duration backoff(int attempt, RandomGenerator random) {
        // 2^20 times the first delay is past any sensible cap, and far from overflowing a long.
        long exponential = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(maxDelay.toMillis(), exponential);
        long half = capped / 2;
        return Duration.ofMillis(capped - half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    /** A {@code Retry-After} value (RFC 9110: delay-seconds or an HTTP date) as a wait from {@code now}. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

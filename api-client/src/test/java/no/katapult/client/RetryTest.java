package no.katapult.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backoff and the reading of Retry-After, without a server. */
class RetryTest {

    private final Retry retry = new Retry(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(2));
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void theBackoffDoublesWithHalfOfItRandomAndStopsGrowingAtTheCap() {
        long[] full = {100, 200, 400, 800, 1600, 2000, 2000, 2000};
        for (int attempt = 1; attempt <= full.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                long wait = retry.backoff(attempt, random).toMillis();
                long cap = full[attempt - 1];
                int a = attempt;
                assertTrue(wait >= cap - cap / 2 && wait <= cap, () -> "attempt " + a + ": " + wait + " ms of " + cap);
            }
        }
        assertEquals(Duration.ofSeconds(2).toMillis(), retry.backoff(10_000, random).toMillis(), 1000,
                "a very late attempt neither overflows nor passes the cap");
    }

    @Test
    void theWaitsAreSpreadNotAllTheSame() {
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> retry.backoff(4, random).toMillis()).distinct().count();
        assertTrue(distinct > 10, "jitter: " + distinct + " distinct waits of 50");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2027-03-28T01:30:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(5)), Retry.retryAfter("5", now));
        assertEquals(Optional.of(Duration.ofSeconds(0)), Retry.retryAfter(" 0 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Retry.retryAfter("Sun, 28 Mar 2027 01:31:30 GMT", now));
        assertEquals(Optional.of(Duration.ZERO), Retry.retryAfter("Sun, 28 Mar 2027 01:00:00 GMT", now),
                "a date in the past: no wait");
        assertEquals(Optional.empty(), Retry.retryAfter("soon", now));
        assertEquals(Optional.empty(), Retry.retryAfter("-3", now));
        assertEquals(Optional.empty(), Retry.retryAfter("99999999999999999999999", now));
        assertEquals(Optional.empty(), Retry.retryAfter(null, now));
    }

    @Test
    void unavailableTooManyBadGatewayAndGatewayTimeoutAreRetried() {
        for (int status : new int[] {503, 429, 502, 504}) {
            assertTrue(Retry.retryable(status), String.valueOf(status));
        }
        for (int status : new int[] {200, 400, 404, 409, 412, 500, 501}) {
            assertFalse(Retry.retryable(status), String.valueOf(status));
        }
    }

    @Test
    void noneIsOffAndTheStandardIsOn() {
        assertFalse(Retry.NONE.enabled());
        assertTrue(Retry.STANDARD.enabled());
        assertEquals(Duration.ofMinutes(2), Retry.STANDARD.within(Duration.ofMinutes(2)).budget());
        assertThrows(IllegalArgumentException.class,
                () -> new Retry(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Retry(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO));
    }
}

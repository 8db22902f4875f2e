package no.katapult.events.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RetryScheduleTest {

    /** The Standard Webhooks schedule, the hub's default. */
    private final RetrySchedule standard = new RetrySchedule(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
            Duration.ofHours(10));

    @Test
    void followsTheStandardWebhooksScheduleThenGivesUp() {
        assertEquals(8, standard.maxAttempts());
        assertEquals(Optional.of(Duration.ofSeconds(5)), standard.nextWait(1, Optional.empty()));
        assertEquals(Optional.of(Duration.ofMinutes(5)), standard.nextWait(2, Optional.empty()));
        assertEquals(Optional.of(Duration.ofHours(10)), standard.nextWait(7, Optional.empty()));
        assertEquals(Optional.empty(), standard.nextWait(8, Optional.empty()), "the eighth failure is dead-lettered");
        assertEquals(Optional.empty(), standard.nextWait(0, Optional.empty()));
    }

    @Test
    void honoursALongerRetryAfterUpToTheCap() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), standard.nextWait(1, Optional.of(Duration.ofSeconds(120))));
        assertEquals(Optional.of(Duration.ofMinutes(5)), standard.nextWait(2, Optional.of(Duration.ofSeconds(10))),
                "a shorter Retry-After does not hurry the schedule");
        assertEquals(Optional.of(Duration.ofHours(10)), standard.nextWait(1, Optional.of(Duration.ofDays(3))), "capped");
        assertEquals(Optional.empty(), standard.nextWait(8, Optional.of(Duration.ofSeconds(1))),
                "Retry-After does not add attempts");
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2027-03-28T01:30:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetrySchedule.parseRetryAfter("120", now));
        assertEquals(Optional.of(Duration.ofSeconds(120)), RetrySchedule.parseRetryAfter(" 120 ", now));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(90).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofSeconds(90)), RetrySchedule.parseRetryAfter(date, now));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.minusSeconds(90).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ZERO), RetrySchedule.parseRetryAfter(past, now));
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter("-5", now));
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter(null, now));
        assertEquals(Optional.empty(), RetrySchedule.parseRetryAfter("99999999999", now), "absurd values are ignored");
    }
}

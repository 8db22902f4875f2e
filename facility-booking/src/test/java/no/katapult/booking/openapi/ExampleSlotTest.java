package no.katapult.booking.openapi;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExampleSlotTest {

    private static ExampleSlot at(String instant) {
        return ExampleSlot.after(ZonedDateTime.parse(instant));
    }

    @Test
    void twoWeeksAheadAt10InOslo() {
        ExampleSlot slot = at("2026-12-02T11:00:00Z");
        assertEquals(OffsetDateTime.parse("2026-12-16T10:00+01:00"), slot.start());
        assertEquals(OffsetDateTime.parse("2026-12-16T12:00+01:00"), slot.end());
    }

    @Test
    void aWeekendMovesToMondayAndTheDstChangeIsInTheOffset() {
        // 2027-03-28 is the Sunday when Oslo moves to summer time: the slot is Monday 10:00 at +02:00.
        ExampleSlot slot = at("2027-03-14T12:00:00Z");
        assertEquals(OffsetDateTime.parse("2027-03-29T10:00+02:00"), slot.start());
        assertEquals(OffsetDateTime.parse("2027-03-29T12:00+02:00"), slot.end());
        // And back to winter time on Sunday 2027-10-31.
        assertEquals(OffsetDateTime.parse("2027-11-01T10:00+01:00"), at("2027-10-17T12:00:00Z").start());
    }

    @Test
    void theChristmasClosureIsSkipped() {
        // 2026-12-10 + 14 days is 24 December: the first open working day is Monday 4 January.
        assertEquals(OffsetDateTime.parse("2027-01-04T10:00+01:00"), at("2026-12-10T09:00:00Z").start());
        // 1 January is closed too: 2027-12-18 + 14 is Saturday 1 January 2028, then Monday 3 January.
        assertEquals(OffsetDateTime.parse("2028-01-03T10:00+01:00"), at("2027-12-18T09:00:00Z").start());
    }

    @Test
    void theDayIsTheDayInOslo() {
        // 23:30 UTC on 1 December is 00:30 on 2 December in Oslo.
        assertEquals(OffsetDateTime.parse("2026-12-16T10:00+01:00"), at("2026-12-01T23:30:00Z").start());
    }
}

package no.katapult.common.time;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClocksTest {

    private static final Instant WRITTEN = Instant.parse("2027-03-28T00:59:59.123456789Z");

    @Test
    void timesAreCutToWholeMicrosecondsAsPostgreSqlKeepsThem() {
        Clock clock = Clocks.microseconds(Clock.fixed(WRITTEN, ZoneOffset.UTC));
        assertEquals(Instant.parse("2027-03-28T00:59:59.123456Z"), clock.instant());
        assertEquals(WRITTEN.toEpochMilli(), clock.millis());
        assertEquals(Instant.parse("2027-03-28T00:59:59.123456Z"), clock.withZone(Clocks.OSLO).instant());
        assertEquals(Clocks.OSLO, clock.withZone(Clocks.OSLO).getZone());
    }

    @Test
    void theServiceClockAnswersMillisecondsAsCachesAsk() {
        Clock clock = new Clocks().clock();
        long before = clock.instant().toEpochMilli();
        long millis = clock.millis();
        long after = clock.instant().toEpochMilli();
        assertTrue(before <= millis && millis <= after, before + " <= " + millis + " <= " + after);
        assertEquals(0, clock.instant().getNano() % 1_000);
    }
}

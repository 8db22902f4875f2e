package no.katapult.common.time;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;

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

    @Test
    void osloTimesKeepTheirOffsetAcrossTheClockChanges() {
        assertEquals("2027-03-28T01:59:59.999999999+01:00", Clocks.inOslo(Instant.parse("2027-03-28T00:59:59.999999999Z")).toString());
        assertEquals("2027-03-28T03:00+02:00", Clocks.inOslo(Instant.parse("2027-03-28T01:00:00Z")).toString());
        assertEquals("2027-10-31T02:59:59+02:00", Clocks.inOslo(Instant.parse("2027-10-31T00:59:59Z")).toString());
        assertEquals("2027-10-31T02:00+01:00", Clocks.inOslo(Instant.parse("2027-10-31T01:00:00Z")).toString());
        // Back into the summer span after a winter instant was shown.
        assertEquals("2027-10-31T02:59:59.500+02:00", Clocks.inOslo(Instant.parse("2027-10-31T00:59:59.500Z")).toString());
    }

    /** Instants in any order, so that the remembered span keeps moving: the same answer as the zone rules give. */
    @Property(tries = 2000)
    void osloTimesAreThoseOfTheZoneRules(@ForAll @LongRange(min = -4_000_000_000L, max = 5_000_000_000L) long second,
                                          @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                                          @ForAll @IntRange(min = -2, max = 2) int nearTransition) {
        Instant t = Instant.ofEpochSecond(second, nano);
        if (nearTransition != 0) {
            // On, or a nanosecond either side of, the transition nearest this instant.
            ZoneOffsetTransition next = Clocks.OSLO.getRules().nextTransition(t);
            if (next != null) {
                t = next.getInstant().plusNanos(nearTransition == 1 ? 0 : nearTransition < 0 ? -1 : 1);
            }
        }
        assertEquals(t.atZone(Clocks.OSLO).toOffsetDateTime(), Clocks.inOslo(t));
    }
}

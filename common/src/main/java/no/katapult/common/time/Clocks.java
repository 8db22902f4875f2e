package no.katapult.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The one source of "now" for every rule, injectable so that tests move time instead of waiting for it
 * (common's test-jar has {@code MutableClock}, which replaces this one in tests).
 */
@Dependent
public class Clocks {

    /** Local business time of the programme: opening hours, closures and "the day of" are in this zone. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** An instant as the programme shows it: with the Europe/Oslo offset in force then (null stays null). */
    public static OffsetDateTime inOslo(OffsetDateTime t) {
        return t == null ? null : t.atZoneSameInstant(OSLO).toOffsetDateTime();
    }

    public static OffsetDateTime inOslo(Instant t) {
        return t == null ? null : t.atZone(OSLO).toOffsetDateTime();
    }

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return microseconds(Clock.systemUTC());
    }

    /**
     * {@code base} cut to whole microseconds: PostgreSQL keeps microseconds, and a time read back must equal the
     * time that was written. Not {@code Clock.tick(base, 1 µs)}: on JDK 17 its {@code millis()} divides by zero.
     */
    static Clock microseconds(Clock base) {
        return new Microseconds(base);
    }

    private static final class Microseconds extends Clock {
        private final Clock base;

        Microseconds(Clock base) {
            this.base = base;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Microseconds(base.withZone(zone));
        }

        @Override
        public Instant instant() {
            return base.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            // Cutting to microseconds never changes the millisecond.
            return base.millis();
        }
    }
}

package no.katapult.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
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
        if (t == null) {
            return null;
        }
        OffsetSpan span = osloSpan;
        long second = t.getEpochSecond();
        if (second < span.from() || second >= span.until()) {
            span = OffsetSpan.around(t);
            osloSpan = span;
        }
        // Not t.atOffset: on JDK 17 a ZoneOffset builds new ZoneRules, with a ConcurrentHashMap, on every call.
        ZoneOffset offset = span.offset();
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(second, t.getNano(), offset), offset);
    }

    /**
     * The offset of the last instant shown in Oslo time, and the span between transitions it holds for. An answer
     * shows hundreds of instants, nearly all in one span; asking the zone rules for each one was 7 % of
     * availability's CPU (docs/performance.md). Immutable, so a race between threads only costs a lookup.
     */
    private static volatile OffsetSpan osloSpan = OffsetSpan.around(Instant.EPOCH);

    private record OffsetSpan(long from, long until, ZoneOffset offset) {
        static OffsetSpan around(Instant t) {
            ZoneRules rules = OSLO.getRules();
            ZoneOffset offset = rules.getOffset(t);
            ZoneOffsetTransition next = rules.nextTransition(t);
            // previousTransition answers the last one strictly before its argument; a transition at t starts t's span.
            ZoneOffsetTransition previous = rules.previousTransition(t.plusNanos(1));
            return new OffsetSpan(previous == null ? Long.MIN_VALUE : previous.toEpochSecond(),
                    next == null ? Long.MAX_VALUE : next.toEpochSecond(), offset);
        }
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

package no.katapult.common.testing;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The service's clock in every {@code @QuarkusTest}: real time unless a test pins it, e.g. one second past
 * a deadline or on a DST day. Inject it into the test class; call {@link #reset()} when done.
 */
@Alternative
@Priority(1)
@Singleton
public class MutableClock extends Clock {

    private volatile Instant fixed;

    public void set(Instant instant) {
        fixed = instant;
    }

    /** Pins the clock to an RFC 3339 timestamp, e.g. "2027-03-28T01:30:00+01:00". */
    public void set(String rfc3339) {
        set(OffsetDateTime.parse(rfc3339).toInstant());
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        // Microseconds, as PostgreSQL keeps them (and as the service's own clock ticks).
        return f != null ? f : Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}

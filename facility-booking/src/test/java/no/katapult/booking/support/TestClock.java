package no.katapult.booking.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: system time unless a test sets it. Test classes run one at a time,
 * and each test that depends on "now" sets it first.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock {

    private static volatile Instant fixed;

    public static void set(Instant now) {
        fixed = now;
    }

    public static void set(String rfc3339) {
        set(java.time.OffsetDateTime.parse(rfc3339).toInstant());
    }

    public static void reset() {
        fixed = null;
    }

    @Produces
    @Singleton
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                Instant now = fixed;
                return now != null ? now : Instant.now();
            }
        };
    }
}

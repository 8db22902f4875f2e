package no.katapult.booking.time;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/** The one source of "now" for every rule, so tests can move time instead of waiting for it. */
@ApplicationScoped
public class Clocks {

    /** Local business time of the programme: opening hours and closures are in this zone. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}

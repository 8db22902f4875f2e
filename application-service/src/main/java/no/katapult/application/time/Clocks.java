package no.katapult.application.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneId;

/** The service's notion of "now", injectable so tests can move it across a deadline. */
@Dependent
public class Clocks {

    /** Local business time of the programme. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}

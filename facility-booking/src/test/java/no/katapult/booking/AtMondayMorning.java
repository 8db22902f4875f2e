package no.katapult.booking;

import jakarta.inject.Inject;
import no.katapult.common.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the HTTP tests that depend on "now": the service's clock stands at Monday 2027-01-04 09:00
 * in Oslo when each test starts (a test may move it), and runs freely again after it.
 */
public abstract class AtMondayMorning {

    @Inject
    protected MutableClock clock;

    @BeforeEach
    protected void mondayMorning() {
        clock.set("2027-01-04T08:00:00Z");
    }

    @AfterEach
    protected void realTime() {
        clock.reset();
    }
}

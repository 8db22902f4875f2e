package no.katapult.booking.registry;

import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import no.katapult.booking.AtMondayMorning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests that open the registry breaker on purpose: each starts and leaves it closed for the next test class. */
abstract class WithClosedBreaker extends AtMondayMorning {

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void closedBreaker() {
        breakers.reset(RegistryClient.BREAKER);
    }
}

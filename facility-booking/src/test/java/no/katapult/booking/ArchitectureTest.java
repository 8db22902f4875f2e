package no.katapult.booking;

import no.katapult.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Imports go one way between this service's packages, and no other service's code is used. */
class ArchitectureTest {

    @Test
    void packagesAreFreeOfCyclesAndOfOtherServicesCode() {
        ArchitectureRules.check("no.katapult.booking");
    }
}

package no.katapult.common;

import no.katapult.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Imports go one way between common's packages, and common uses no service's code: the services use it. */
class ArchitectureTest {

    @Test
    void packagesAreFreeOfCyclesAndOfServicesCode() {
        ArchitectureRules.check("no.katapult.common");
    }
}

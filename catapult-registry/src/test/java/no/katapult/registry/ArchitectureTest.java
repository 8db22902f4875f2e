package no.katapult.registry;

import no.katapult.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Imports between the registry's packages go one way (the root counts as a package), and no other service's code is used. */
class ArchitectureTest {

    @Test
    void packagesAreFreeOfCyclesAndUseNoOtherServicesCode() {
        ArchitectureRules.check("no.katapult.registry");
    }
}

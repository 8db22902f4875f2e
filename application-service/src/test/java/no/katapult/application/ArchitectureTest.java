package no.katapult.application;

import no.katapult.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void packagesAreFreeOfCyclesAndUseNoOtherServicesCode() {
        ArchitectureRules.check("no.katapult.application");
    }
}

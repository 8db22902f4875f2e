package no.katapult.gateway;

import no.katapult.common.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Imports go one way between the gateway's packages, and it uses no service's code: it only proxies them. */
class ArchitectureTest {

    @Test
    void packagesAreFreeOfCyclesAndOfServicesCode() {
        ArchitectureRules.check("no.katapult.gateway");
    }
}

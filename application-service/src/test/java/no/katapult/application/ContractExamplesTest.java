package no.katapult.application;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.ContractExamplesTests;

@QuarkusTest
class ContractExamplesTest extends ContractExamplesTests {

    @Override
    protected int minimumExamples() {
        return 210;
    }
}

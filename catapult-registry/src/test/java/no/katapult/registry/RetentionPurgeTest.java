package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.RetentionPurgeTests;

@QuarkusTest
class RetentionPurgeTest extends RetentionPurgeTests {
}

package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.RetentionPurgeTests;

@QuarkusTest
class RetentionPurgeTest extends RetentionPurgeTests {
}

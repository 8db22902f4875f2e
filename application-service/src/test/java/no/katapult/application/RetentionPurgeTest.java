package no.katapult.application;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.RetentionPurgeTests;

@QuarkusTest
class RetentionPurgeTest extends RetentionPurgeTests {
}

package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.EventFeedTests;

@QuarkusTest
class EventFeedTest extends EventFeedTests {
}

package no.katapult.application;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.EventFeedTests;
import no.katapult.common.testing.TestTokens;

import java.util.List;

@QuarkusTest
class EventFeedTest extends EventFeedTests {

    @Override
    protected List<String> tokensWithoutTheInternalRole() {
        return List.of(TestTokens.admin(), TestTokens.partner(), Fixtures.applicant("applicant-sin", Fixtures.SIN),
                Fixtures.reviewer("reviewer-1", Fixtures.REVIEWER_ORG));
    }
}

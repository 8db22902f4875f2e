package no.katapult.booking.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry breaker counts only the registry's own failures. A 4xx about the caller's request or token
 * is an answer: it reaches the caller as a problem of its own and leaves the breaker closed for everyone
 * else. The breaker opens when half of the last 6 calls failed.
 */
@QuarkusTest
class RegistryBreakerTest extends WithClosedBreaker {

    static final String START = "2027-01-11T10:00:00+01:00";
    static final String END = "2027-01-11T12:00:00+01:00";

    /** An SME whose organisation the registry answers {@code status} for tries to book. */
    static Response bookAs(String orgNo, int status, UUID facility) {
        RegistryStub.organisationAnswers(orgNo, status);
        return book(TestTokens.sme("sme-" + orgNo, orgNo), "FACILITY", facility, START, END);
    }

    @Test
    void aHundredRefusalsOfTheCallerLeaveTheBreakerClosed() {
        UUID facility = RegistryStub.facility().register();
        int[] statuses = {400, 401, 403, 409, 422};
        for (int i = 0; i < 100; i++) {
            int status = statuses[i % statuses.length];
            String org = TestOrgNumbers.fresh();
            Response r = bookAs(org, status, facility);
            if (status == 401 || status == 403) {
                assertProblem(r, 403);
            } else {
                assertProblem(r, 422, "registry-refused").then().body("registryStatus", equalTo(status));
            }
            assertEquals(1, RegistryStub.requestsFor("/api/v1/organisations/" + org), "the breaker let the call through");
        }
        // A registry that asks us to slow down is a 503 for the caller to retry, but no failure of the registry.
        for (int i = 0; i < 10; i++) {
            String org = TestOrgNumbers.fresh();
            Response r = bookAs(org, 429, facility);
            assertProblem(r, 503, "registry-unavailable");
            assertEquals("5", r.header("Retry-After"));
            assertEquals(1, RegistryStub.requestsFor("/api/v1/organisations/" + org), "the breaker let the call through");
        }

        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState(RegistryClient.BREAKER));
        String other = TestOrgNumbers.fresh();
        book(TestTokens.sme("sme-after-the-refusals", other), "FACILITY", facility, START, END).then().statusCode(201);
    }

    @Test
    void serverErrorsOpenTheBreaker() {
        UUID facility = RegistryStub.facility().register();
        List<CircuitBreakerState> changes = new CopyOnWriteArrayList<>();
        breakers.onStateChange(RegistryClient.BREAKER, changes::add);
        for (int i = 0; i < 6; i++) {
            assertProblem(bookAs(TestOrgNumbers.fresh(), 500, facility), 503, "registry-unavailable");
        }
        // Each booking reads its facility fresh (a success) before the organisation (a 500): half the calls
        // fail, and the breaker opens. After the short test delay a facility read may close it again.
        assertTrue(changes.contains(CircuitBreakerState.OPEN), () -> "the breaker opened; it went " + changes);
    }
}

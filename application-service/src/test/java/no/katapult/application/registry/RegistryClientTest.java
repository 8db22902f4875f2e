package no.katapult.application.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import no.katapult.application.Fixtures;
import no.katapult.application.RegistryStub;
import no.katapult.application.RegistryStub.Answer;
import no.katapult.common.testing.TestOrgNumbers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RegistryClientTest {

    static final String TOKEN = "any-token";

    @Inject
    RegistryClient registry;

    @Inject
    CircuitBreakerMaintenance breakers;

    @BeforeEach
    @AfterEach
    void closeTheBreaker() {
        breakers.reset("registry");
    }

    static String organisationAnswering(int status) {
        String orgNo = TestOrgNumbers.fresh();
        RegistryStub.answer(orgNo, new Answer(status, "Organisation " + orgNo, Duration.ZERO));
        return orgNo;
    }

    @Test
    void aKnownOrganisationHasItsName() {
        assertEquals(Optional.of("Media City Bergen (demo)"), registry.organisationName(Fixtures.MCB, TOKEN));
    }

    @Test
    void answersAboutTheCallersRequestLeaveTheNameEmptyAndNeverOpenTheBreaker() {
        String unknown = TestOrgNumbers.fresh();
        String forbidden = organisationAnswering(403);
        String unauthorised = organisationAnswering(401);
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), registry.organisationName(unknown, TOKEN));
            assertEquals(Optional.empty(), registry.organisationName(forbidden, TOKEN));
            assertEquals(Optional.empty(), registry.organisationName(unauthorised, TOKEN));
        }
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("registry"));
        assertEquals(Optional.of("Media City Bergen (demo)"), registry.organisationName(Fixtures.MCB, TOKEN));
    }

    @Test
    void registryFailuresLeaveTheNameEmptyAndOpenTheBreakerSoLaterCallsFailFast() {
        String failing = organisationAnswering(503);
        for (int i = 0; i < 6; i++) {
            assertEquals(Optional.empty(), registry.organisationName(failing, TOKEN));
        }
        assertEquals(CircuitBreakerState.OPEN, breakers.currentState("registry"));
        int before = RegistryStub.requests(Fixtures.MCB);
        assertEquals(Optional.empty(), registry.organisationName(Fixtures.MCB, TOKEN));
        assertEquals(before, RegistryStub.requests(Fixtures.MCB), "an open breaker does not call the registry");
    }

    @Test
    void aRegistryThatAnswersTooLateLeavesTheNameEmpty() {
        String slow = TestOrgNumbers.fresh();
        RegistryStub.answer(slow, new Answer(200, "Too late", Duration.ofSeconds(4)));
        long start = System.nanoTime();
        assertEquals(Optional.empty(), registry.organisationName(slow, TOKEN));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 3500, "gave up after the read timeout, not the answer: " + millis + " ms");
    }

    @Test
    void theDraftIsCreatedWithoutALeadNameWhenTheRegistryFailsAndTheRequestIdIsPassedOn() {
        String call = Fixtures.openCall("2000000", "200000");
        String failing = organisationAnswering(500);
        given().auth().oauth2(Fixtures.applicant(Fixtures.unique("applicant"), failing)).header("X-Request-Id", "reg-500")
                .contentType("application/json").body(Fixtures.applicationJson(call, "100000", "0"))
                .post("/api/v1/applications").then().statusCode(201)
                .body("leadApplicant.orgNo", equalTo(failing))
                .body("leadApplicant.name", nullValue());
        assertEquals("reg-500", RegistryStub.lastRequestId(failing));

        String named = organisationAnswering(200);
        given().auth().oauth2(Fixtures.applicant(Fixtures.unique("applicant"), named)).header("X-Request-Id", "reg-200")
                .contentType("application/json").body(Fixtures.applicationJson(call, "100000", "0"))
                .post("/api/v1/applications").then().statusCode(201)
                .body("leadApplicant.name", equalTo("Organisation " + named));
        assertEquals("reg-200", RegistryStub.lastRequestId(named));
    }

    @Test
    void theRegistryCallIsPartOfTheCallersTrace() {
        String call = Fixtures.openCall("2000000", "200000");
        String named = organisationAnswering(200);
        String traceId = "5bd66ef5095369c7b0d1f8f4bd33716a";
        given().auth().oauth2(Fixtures.applicant(Fixtures.unique("applicant"), named))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType("application/json").body(Fixtures.applicationJson(call, "100000", "0"))
                .post("/api/v1/applications").then().statusCode(201);
        String traceparent = RegistryStub.lastTraceparent(named);
        assertTrue(traceparent != null && traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-01")
                && !traceparent.contains("00f067aa0ba902b7"), "the registry call continues the caller's trace: " + traceparent);
    }
}

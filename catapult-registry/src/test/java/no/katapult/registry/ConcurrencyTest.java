package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.StartGate;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static io.restassured.RestAssured.given;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real concurrent requests: the database, not luck, decides who wins, and losers get 409 or 412, never 500.
 * Updates with the same If-Match: the row lock lets each loser see the winner's version (412); an update
 * that lost at the database instead would be 409 concurrent-update, the suite's one status for a lost
 * update. Either is a correct answer for a loser.
 */
@QuarkusTest
class ConcurrencyTest {

    static final int CALLERS = 8;

    /** Runs {@link #CALLERS} copies of the call at once behind a start gate and returns their status codes. */
    static List<Integer> race(Callable<Integer> call) throws Exception {
        return StartGate.runAtOnce(Collections.nCopies(CALLERS, call));
    }

    static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
    }

    /** Exactly one update wins; every other one is told it lost (409 or 412), none fails. */
    static void assertOneWinner(List<Integer> statuses) {
        assertEquals(1, count(statuses, 200), statuses::toString);
        assertEquals(CALLERS - 1, count(statuses, 409) + count(statuses, 412), statuses::toString);
    }

    @Test
    void concurrentCreatesOfOneCodeGiveOne201AndOtherwise409() throws Exception {
        String code = code("race");
        String admin = TestTokens.admin();
        List<Integer> statuses = race(() -> post("/api/v1/centres", admin, centre(code)).statusCode());
        assertEquals(1, count(statuses, 201), statuses::toString);
        assertEquals(CALLERS - 1, count(statuses, 409), statuses::toString);
        given().queryParam("code", code).get("/api/v1/centres").then().statusCode(200)
                .body("total", equalTo(1));
    }

    @Test
    void concurrentUpdatesWithTheSameIfMatchGiveOne200AndOtherwise409Or412() throws Exception {
        Map<String, Object> body = centre(code("lost-update"));
        String id = createCentre(body);
        String admin = TestTokens.admin();
        List<Integer> statuses = race(() -> put("/api/v1/centres/" + id, admin, "\"0\"", body).statusCode());
        assertOneWinner(statuses);
        given().get("/api/v1/centres/" + id).then().header("ETag", "\"1\"");
    }

    @Test
    void concurrentFacilityUpdatesWithTheSameIfMatchGiveOne200AndOtherwise409Or412() throws Exception {
        Map<String, Object> body = facility(newCentre()[0]);
        String id = createFacility(body);
        String admin = TestTokens.admin();
        List<Integer> statuses = race(() -> put("/api/v1/facilities/" + id, admin, "\"0\"", body).statusCode());
        assertOneWinner(statuses);
    }

    @Test
    void concurrentFirstWritesOfAnOrganisationCreateItOnceAndUpdateIt() throws Exception {
        String orgNo = TestOrgNumbers.fresh();
        String admin = TestTokens.admin();
        Map<String, Object> body = Map.of("name", "Samtidig AS (test)", "kind", "COMPANY");
        List<Integer> statuses = race(() -> put("/api/v1/organisations/" + orgNo, admin, null, body).statusCode());
        assertEquals(1, count(statuses, 201), statuses::toString);
        assertEquals(CALLERS - 1, count(statuses, 200), statuses::toString);
    }
}

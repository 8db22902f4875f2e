package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.orgNo;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Real concurrent requests: the database, not luck, decides who wins, and losers get 409/412, never 500. */
@QuarkusTest
class ConcurrencyTest {

    static final int CALLERS = 8;

    /** Runs the calls at once behind a start gate and returns their status codes. */
    static List<Integer> race(Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return call.call();
                }));
            }
            gate.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : futures) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    static long count(List<Integer> statuses, int status) {
        return statuses.stream().filter(s -> s == status).count();
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
    void concurrentUpdatesWithTheSameIfMatchGiveOne200AndOtherwise412() throws Exception {
        Map<String, Object> body = centre(code("lost-update"));
        String id = createCentre(body);
        String admin = TestTokens.admin();
        List<Integer> statuses = race(() -> put("/api/v1/centres/" + id, admin, "\"0\"", body).statusCode());
        assertEquals(1, count(statuses, 200), statuses::toString);
        assertEquals(CALLERS - 1, count(statuses, 412), statuses::toString);
        given().get("/api/v1/centres/" + id).then().header("ETag", "\"1\"");
    }

    @Test
    void concurrentFacilityUpdatesWithTheSameIfMatchGiveOne200AndOtherwise412() throws Exception {
        Map<String, Object> body = facility(newCentre()[0]);
        String id = createFacility(body);
        String admin = TestTokens.admin();
        List<Integer> statuses = race(() -> put("/api/v1/facilities/" + id, admin, "\"0\"", body).statusCode());
        assertEquals(1, count(statuses, 200), statuses::toString);
        assertEquals(CALLERS - 1, count(statuses, 412), statuses::toString);
    }

    @Test
    void concurrentFirstWritesOfAnOrganisationCreateItOnceAndUpdateIt() throws Exception {
        String orgNo = orgNo();
        String admin = TestTokens.admin();
        Map<String, Object> body = Map.of("name", "Samtidig AS (test)", "kind", "COMPANY");
        List<Integer> statuses = race(() -> put("/api/v1/organisations/" + orgNo, admin, null, body).statusCode());
        assertEquals(1, count(statuses, 201), statuses::toString);
        assertEquals(CALLERS - 1, count(statuses, 200), statuses::toString);
    }
}

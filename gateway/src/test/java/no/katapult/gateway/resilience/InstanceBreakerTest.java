package no.katapult.gateway.resilience;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import no.katapult.gateway.Stubs;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.upstream.Upstreams;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.gateway.Replicas.awaitAvailable;
import static no.katapult.gateway.Replicas.awaitTrue;
import static no.katapult.gateway.Replicas.instance;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Breakers per instance: "breaking" has two stub instances, "gone" two addresses where nothing listens. Test
 * breakers open when half of the last 4 requests failed and stay open for 3 s.
 */
@QuarkusTest
class InstanceBreakerTest {

    @Inject
    Upstreams upstreams;

    @Inject
    CircuitBreakers breakers;

    @Inject
    RouteTable routes;

    @Test
    void aFailingInstanceOpensOnlyItsOwnBreakerAndItsSiblingServesEveryRequest() {
        awaitAvailable(upstreams, routes, "breaking");
        Stubs failing = Stubs.of("breaking-1");
        Instance first = instance(routes, "breaking", 1);
        Instance second = instance(routes, "breaking", 2);
        failing.failWith(500);
        try {
            for (int i = 0; i < 40 && breakers.state(first) != CircuitBreakerState.OPEN; i++) {
                Response r = given().get("/api/v1/breaking/items");
                // The failing instance's own 500 reaches the client; the healthy one answers 200.
                assertTrue(r.statusCode() == 500 || r.statusCode() == 200, r::asString);
            }
            long opened = System.nanoTime();
            assertEquals(CircuitBreakerState.OPEN, breakers.state(first));
            assertEquals(CircuitBreakerState.CLOSED, breakers.state(second));
            given().get("/q/health/group/downstream").then()
                    .body("checks.find { it.name == 'breaking' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'breaking' }.data.circuitBreaker", equalTo("OPEN,CLOSED"));

            // Open, it gets no request but one trial call per delay (3 s), which fails again while it fails.
            int hits = failing.hits();
            Map<String, Integer> answeredBy = new TreeMap<>();
            for (int i = 0; i < 10; i++) {
                Response r = given().get("/api/v1/breaking/items");
                answeredBy.merge(r.jsonPath().getString("service") + " " + r.statusCode(), 1, Integer::sum);
            }
            long trials = 1 + (System.nanoTime() - opened) / 3_000_000_000L;
            int reached = failing.hits() - hits;
            assertTrue(reached <= trials, "an open breaker gets only trial calls: " + answeredBy);
            assertEquals(10 - reached, answeredBy.getOrDefault("breaking-2 200", 0), answeredBy::toString);
        } finally {
            failing.failWith(0);
        }
        // After the delay a trial request reaches it again, and its breaker closes.
        awaitTrue("breaking-1 breaker closed", Duration.ofSeconds(20), () -> {
            given().get("/api/v1/breaking/items").then().statusCode(200);
            return breakers.state(first) == CircuitBreakerState.CLOSED;
        });
    }

    @Test
    void anInstanceAnsweringClientErrorsKeepsItsBreakerClosed() {
        awaitAvailable(upstreams, routes, "breaking");
        Stubs picky = Stubs.of("breaking-2");
        Instance second = instance(routes, "breaking", 2);
        picky.failWith(409);
        int conflicts = 0;
        try {
            for (int i = 0; i < 40; i++) {
                int status = given().get("/api/v1/breaking/items").statusCode();
                assertTrue(status == 409 || status == 200, "status " + status);
                conflicts += status == 409 ? 1 : 0;
            }
        } finally {
            picky.failWith(0);
        }
        assertEquals(20, conflicts, "the instances took turns");
        assertEquals(CircuitBreakerState.CLOSED, breakers.state(second));
    }

    @Test
    void whenEveryInstanceIsDownTheAnswerIsA503ProblemAsWithOne() {
        String type = null;
        for (int i = 0; i < 20 && !"urn:katapult:problem:circuit-open".equals(type); i++) {
            Response r = given().header("X-Request-Id", "gone-" + i).get("/api/v1/gone/items");
            assertProblem(r, 503);
            assertEquals("gone", r.jsonPath().getString("service"));
            assertEquals("gone-" + i, r.jsonPath().getString("requestId"));
            assertTrue(r.header("Retry-After") != null);
            type = r.jsonPath().getString("type");
            assertTrue(type.endsWith("service-unavailable") || type.endsWith("circuit-open"), type);
        }
        assertEquals("urn:katapult:problem:circuit-open", type, "both breakers open");
        Response post = given().contentType("application/json").body("{}").post("/api/v1/gone/items");
        assertProblem(post, 503);
        given().get("/q/health/group/downstream").then()
                .body("checks.find { it.name == 'gone' }.status", equalTo("DOWN"));
    }
}

package no.katapult.gateway.upstream;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.gateway.Stubs;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static no.katapult.gateway.Replicas.awaitAvailable;
import static no.katapult.gateway.Replicas.awaitTrue;
import static no.katapult.gateway.Replicas.instance;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service "replicated" has three stub instances (replicated-1..3). Test health checks run every 300 ms and
 * mark an instance down after 2 failed checks, up after 2 passed ones.
 */
@QuarkusTest
class LoadBalancingTest {

    @Inject
    Upstreams upstreams;

    @Inject
    RouteTable routes;

    @BeforeEach
    void everyInstanceUp() {
        awaitAvailable(upstreams, routes, "replicated");
    }

    @Test
    void sequentialRequestsTakeTurns() {
        Map<String, Integer> answeredBy = callReplicated(30);
        assertEquals(Map.of("replicated-1", 10, "replicated-2", 10, "replicated-3", 10), answeredBy);
    }

    @Test
    void aBusyInstanceGetsNoMoreRequestsWhileIdleOnesWait() throws Exception {
        Stubs slow = Stubs.of("replicated-1");
        slow.delay(3_000);
        List<CompletableFuture<Response>> burst = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            // Requests one after another, without waiting for answers, until one is held by the slow instance.
            int before = slow.hits();
            for (int i = 0; i < 6 && slow.hits() == before; i++) {
                burst.add(CompletableFuture.supplyAsync(() -> given().get("/api/v1/replicated/burst"), threads));
                int sent = burst.size();
                awaitTrue("request " + sent + " answered or held", Duration.ofSeconds(5), () -> slow.hits() > before
                        || burst.get(sent - 1).isDone());
            }
            awaitTrue("the slow instance holds a request", Duration.ofSeconds(5), () -> slow.hits() > before);
            awaitTrue("the fast instances answered", Duration.ofSeconds(5), () ->
                    upstreams.inFlight(instance(routes, "replicated", 2)) == 0
                            && upstreams.inFlight(instance(routes, "replicated", 3)) == 0);
            assertEquals(slow.hits() - before, upstreams.inFlight(instance(routes, "replicated", 1)),
                    "the requests the slow instance holds are in flight");
            int held = slow.hits();
            // Round robin alone would send a third of these to the slow instance; least-in-flight sends none.
            Map<String, Integer> answeredBy = callReplicated(10);
            assertEquals(null, answeredBy.get("replicated-1"), answeredBy::toString);
            assertEquals(held, slow.hits());
        } finally {
            slow.delay(0);
            threads.shutdown();
        }
        for (CompletableFuture<Response> r : burst) {
            assertEquals(200, r.get().statusCode());
        }
    }

    @Test
    void anInstanceFailingItsHealthCheckGetsNoRequestsUntilItPassesAgain() {
        Stubs second = Stubs.of("replicated-2");
        Instance instance = instance(routes, "replicated", 2);
        second.healthStatus(503);
        try {
            awaitTrue("replicated-2 marked down", Duration.ofSeconds(10),
                    () -> upstreams.health(instance).status() == InstanceHealth.Status.DOWN);
            given().get("/q/health/group/downstream").then()
                    .body("checks.find { it.name == 'replicated' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'replicated' }.data.available", equalTo(2))
                    .body("checks.find { it.name == 'replicated' }.data.instance-2", containsString("DOWN (HTTP 503"));
            int hits = second.hits();
            Map<String, Integer> answeredBy = callReplicated(20);
            assertEquals(Map.of("replicated-1", 10, "replicated-3", 10), answeredBy);
            assertEquals(hits, second.hits(), "an instance marked down gets no request");
        } finally {
            second.healthStatus(200);
        }
        awaitTrue("replicated-2 marked up again", Duration.ofSeconds(10),
                () -> upstreams.health(instance).status() == InstanceHealth.Status.UP);
        assertEquals(Map.of("replicated-1", 10, "replicated-2", 10, "replicated-3", 10), callReplicated(30));
    }

    @Test
    void aKilledInstanceIsMarkedDownByItsHealthCheckAndUpAgainOnceRestarted() {
        Stubs third = Stubs.of("replicated-3");
        Instance instance = instance(routes, "replicated", 3);
        third.stop();
        try {
            // No request is sent meanwhile: the active check alone notices.
            awaitTrue("replicated-3 marked down", Duration.ofSeconds(10),
                    () -> upstreams.health(instance).status() == InstanceHealth.Status.DOWN);
            Map<String, Integer> answeredBy = callReplicated(20);
            assertEquals(Map.of("replicated-1", 10, "replicated-2", 10), answeredBy);
        } finally {
            third.start();
        }
        awaitTrue("replicated-3 marked up again", Duration.ofSeconds(10),
                () -> upstreams.health(instance).status() == InstanceHealth.Status.UP);
        int hits = third.hits();
        assertEquals(Map.of("replicated-1", 10, "replicated-2", 10, "replicated-3", 10), callReplicated(30));
        assertEquals(hits + 10, third.hits());
    }

    @Test
    void theDownstreamGroupListsEveryInstance() {
        given().get("/q/health/group/downstream").then()
                .body("checks.find { it.name == 'replicated' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'replicated' }.data.instances", equalTo(3))
                .body("checks.find { it.name == 'replicated' }.data.available", equalTo(3))
                .body("checks.find { it.name == 'replicated' }.data.circuitBreaker", equalTo("CLOSED,CLOSED,CLOSED"))
                .body("checks.find { it.name == 'replicated' }.data.instance-1", containsString(" UP (HTTP 200"));
    }

    /** Sends n sequential GETs and counts which instance answered each; every one must be a 200. */
    private static Map<String, Integer> callReplicated(int n) {
        Map<String, Integer> answeredBy = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            Response response = given().get("/api/v1/replicated/items");
            assertEquals(200, response.statusCode(), response::asString);
            answeredBy.merge(response.jsonPath().getString("service"), 1, Integer::sum);
        }
        return answeredBy;
    }
}

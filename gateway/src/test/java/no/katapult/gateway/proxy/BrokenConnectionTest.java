package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.gateway.Stubs;
import no.katapult.gateway.resilience.CircuitBreakers;
import no.katapult.gateway.routing.RouteTable.Instance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.upstream.Upstreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.gateway.Replicas.awaitAvailable;
import static no.katapult.gateway.Replicas.awaitTrue;
import static no.katapult.gateway.Replicas.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance that closes the connection without answering, as one that shuts down with requests in flight: a
 * read goes on to the other instance, a write does not (it may have had its effect) and is answered 502.
 */
@QuarkusTest
class BrokenConnectionTest {

    @Inject
    Upstreams upstreams;

    @Inject
    RouteTable routes;

    @Inject
    CircuitBreakers breakers;

    @BeforeEach
    void bothInstancesUpAndTheFirstDropsItsConnections() {
        awaitAvailable(upstreams, routes, "dropping");
        Stubs.of("dropping-1").failWith(Stubs.DROP_CONNECTION);
    }

    @AfterEach
    void answeringAgainWithItsBreakerClosed() {
        Stubs.of("dropping-1").failWith(0);
        // The dropped requests opened dropping-1's breaker; a later test of this class would expect it closed.
        Instance first = instance(routes, "dropping", 1);
        awaitTrue("dropping-1's breaker closed again", Duration.ofSeconds(20), () -> {
            if (breakers.state(first) == CircuitBreakerState.CLOSED) {
                return true;
            }
            given().get("/api/v1/dropping/items");
            return false;
        });
    }

    @Test
    void aReadWhoseConnectionBreaksGoesOnToTheOtherInstanceAndAWriteIsAnswered502() {
        Stubs dropping = Stubs.of("dropping-1");
        Stubs live = Stubs.of("dropping-2");
        int dropped = dropping.hits();
        for (int i = 0; i < 20 && dropping.hits() == dropped; i++) {
            Response read = given().header("X-Request-Id", "resend-" + i).get("/api/v1/dropping/items?size=5");
            assertEquals(200, read.statusCode(), read::asString);
            assertEquals("dropping-2", read.header("X-Upstream"));
            // Sent again as it came: method, path, query and the headers the gateway forwards.
            assertEquals("GET", read.path("method"));
            assertEquals("/api/v1/dropping/items", read.path("path"));
            assertEquals("size=5", read.path("query"));
            assertEquals("resend-" + i, read.jsonPath().getString("headers.'x-request-id'"));
        }
        assertTrue(dropping.hits() > dropped, "some read met the dropping instance first, and was answered all the same");

        int liveHits = live.hits();
        List<Integer> statuses = new ArrayList<>();
        Response broken = null;
        for (int i = 0; i < 20 && broken == null; i++) {
            Response write = given().contentType("application/json").body("{\"title\":\"Ett forsøk\"}").post("/api/v1/dropping/items");
            statuses.add(write.statusCode());
            if (write.statusCode() == 502) {
                broken = write;
            }
        }
        assertFalse(broken == null, "a write met the dropping instance: " + statuses);
        assertProblem(broken, 502, "bad-gateway");
        assertEquals(liveHits + statuses.size() - 1, live.hits(), "the broken write was not sent again: " + statuses);
    }
}

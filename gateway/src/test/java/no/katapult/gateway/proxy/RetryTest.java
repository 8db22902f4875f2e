package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import no.katapult.gateway.Stubs;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.Instance;
import no.katapult.gateway.upstream.Upstreams;
import no.katapult.gateway.upstream.InstanceHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.gateway.Replicas.awaitAvailable;
import static no.katapult.gateway.Replicas.awaitTrue;
import static no.katapult.gateway.Replicas.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The service "retrying" has two stub instances: retrying-2 is stopped (nothing listens), and retrying-1 serves
 * but fails its health check. Both are marked down, so the gateway tries both in turn (it does when no instance
 * is healthy): of two requests in a row, one is sent to retrying-2 first, whatever the timing. Its connection is
 * refused; what happens next depends on whether the request may be sent again.
 */
@QuarkusTest
class RetryTest {

    private static final String BODY = "{\"title\":\"Prøveproduksjon\"}";

    @Inject
    Upstreams upstreams;

    @Inject
    RouteTable routes;

    @BeforeEach
    void oneInstanceStoppedAndBothMarkedDown() {
        awaitAvailable(upstreams, routes, "retrying");
        Stubs.of("retrying-2").stop();
        Stubs.of("retrying-1").healthStatus(503);
        awaitTrue("both instances marked down", Duration.ofSeconds(10), () ->
                upstreams.health(instance(routes, "retrying", 1)).status() == InstanceHealth.Status.DOWN
                        && upstreams.health(instance(routes, "retrying", 2)).status() == InstanceHealth.Status.DOWN);
    }

    @AfterEach
    void bothInstancesBack() {
        Stubs.of("retrying-2").start();
        Stubs.of("retrying-1").healthStatus(200);
    }

    @Test
    void safeRequestsGoOnToAnotherInstanceWhenTheConnectionIsRefused() {
        assertRetried(spec -> spec.get("/api/v1/retrying/items"), "GET");
        assertRetried(spec -> spec.head("/api/v1/retrying/items"), "HEAD");
    }

    @Test
    void writesWithAnIdempotencyKeyOrIfMatchGoOnToAnotherInstance() {
        assertRetried(spec -> spec.header("Idempotency-Key", "retry-key-1").contentType("application/json")
                .body(BODY).post("/api/v1/retrying/items"), "POST");
        assertRetried(spec -> spec.header("If-Match", "\"3\"").contentType("application/json")
                .body(BODY).put("/api/v1/retrying/items/1"), "PUT");
    }

    @Test
    void aWriteWithoutIdempotencyIsAnswered503AndNeverResent() {
        TwoInARow sent = sendTwice(spec -> spec.contentType("application/json").body(BODY).post("/api/v1/retrying/items"));
        assertEquals(1, sent.refusals(), sent.statuses());
        Response refused = sent.answers().stream().filter(r -> r.statusCode() == 503).findFirst().orElse(null);
        assertNotNull(refused, "one POST went to the stopped instance: " + sent.statuses());
        assertProblem(refused, 503, "service-unavailable");
        assertEquals("retrying", refused.jsonPath().getString("service"));
        assertNotNull(refused.header("Retry-After"));
        Response served = sent.answers().stream().filter(r -> r.statusCode() == 200).findFirst().orElse(null);
        assertNotNull(served, sent.statuses());
        assertEquals("retrying-1", served.jsonPath().getString("service"));
        assertEquals(1, sent.liveHits(), "the refused POST was not sent to the other instance");
    }

    /** Two requests in a row: both are answered by retrying-1, one of them after a refusal by retrying-2. */
    private void assertRetried(Function<RequestSpecification, Response> send, String method) {
        TwoInARow sent = sendTwice(send);
        assertEquals(1, sent.refusals(), method + ": one request was refused by the stopped instance");
        for (Response r : sent.answers()) {
            assertEquals(200, r.statusCode(), () -> method + ": " + sent.statuses());
            assertEquals("retrying-1", r.header("X-Upstream"), method);
        }
        assertEquals(2, sent.liveHits(), method + ": both answered by the live instance");
    }

    /** The answers to two requests in a row, how many connections retrying-2 refused and retrying-1 served meanwhile. */
    private record TwoInARow(List<Response> answers, long refusals, int liveHits) {

        String statuses() {
            return answers.stream().map(r -> r.statusCode() + " " + r.asString()).toList().toString();
        }
    }

    private TwoInARow sendTwice(Function<RequestSpecification, Response> send) {
        Stubs live = Stubs.of("retrying-1");
        int liveHits = live.hits();
        Instance stopped = instance(routes, "retrying", 2);
        long refusals = upstreams.refusedConnections(stopped);
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(send.apply(given()));
        }
        return new TwoInARow(answers, upstreams.refusedConnections(stopped) - refusals, live.hits() - liveHits);
    }
}

package no.katapult.gateway.resilience;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.gateway.Stubs;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test settings: /api/v1/slow has a 1 s timeout, /api/v1/patient the default 10 s, both on the same stub;
 * breakers open when half of the last 4 requests failed and stay open for 3 s.
 */
@QuarkusTest
class ResilienceTest {

    @TestHTTPResource
    URL url;

    @Test
    void refusedConnectionIs503ProblemNamingTheService() {
        Response response = given().header("X-Request-Id", "dead-1").get("/api/v1/dead/things");
        assertProblem(response, 503);
        assertTrue(response.jsonPath().getString("type").endsWith("service-unavailable")
                || response.jsonPath().getString("type").endsWith("circuit-open"));
        response.then().body("service", equalTo("dead-service"))
                .body("requestId", equalTo("dead-1"))
                .body("instance", equalTo("/api/v1/dead/things"));
        assertTrue(response.header("Retry-After") != null);
    }

    @Test
    void silentServiceIs504ProblemAfterTheRouteTimeout() {
        Response response = given().header("X-Request-Id", "slow-1").get("/api/v1/slow/sleep?ms=5000");
        assertProblem(response, 504, "gateway-timeout");
        response.then().body("service", equalTo("slow-service")).body("requestId", equalTo("slow-1"));
    }

    @Test
    void timeoutsArePerRoute() {
        // Same service and delay as above, but this route keeps the default timeout.
        given().get("/api/v1/patient/sleep?ms=1500").then().statusCode(200).body("service", equalTo("sandbox"));
    }

    @Test
    void clientsThatHangUpDoNotOpenTheBreaker() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 6; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "api/v1/patient/sleep?ms=3000"))
                    .timeout(Duration.ofMillis(200)).build();
            assertThrows(HttpTimeoutException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        // Six aborted exchanges on a breaker that opens at 2 failures out of 4: still closed.
        given().get("/api/v1/patient/x").then().statusCode(200);
    }

    @Test
    void circuitBreakerOpensFailsFastAndClosesAfterRecovery() {
        Stubs flaky = Stubs.of("flaky-service");
        given().get("/api/v1/flaky/x").then().statusCode(200);
        flaky.stop();
        try {
            String type = null;
            for (int i = 0; i < 20 && (type == null || !type.endsWith("circuit-open")); i++) {
                Response response = given().get("/api/v1/flaky/x");
                assertProblem(response, 503);
                type = response.jsonPath().getString("type");
            }
            assertEquals("urn:katapult:problem:circuit-open", type, "the breaker never opened");
        } finally {
            flaky.start();
        }

        // Open: the gateway answers at once without contacting the (now healthy) service.
        int hits = flaky.hits();
        Response open = given().get("/api/v1/flaky/x");
        if (open.statusCode() == 503) {
            assertProblem(open, 503, "circuit-open");
            open.then().body("service", equalTo("flaky-service"));
            assertEquals("3", open.header("Retry-After"));
            assertEquals(hits, flaky.hits(), "an open breaker must not forward");
        }

        // After the delay a trial request passes and the breaker closes.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = given().get("/api/v1/flaky/x").statusCode();
            if (status == 200) {
                break;
            }
            sleep(250);
        }
        assertEquals(200, status, "the breaker never closed");
        for (int i = 0; i < 5; i++) {
            given().get("/api/v1/flaky/x").then().statusCode(200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

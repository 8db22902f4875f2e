package no.katapult.gateway.ratelimit;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import no.katapult.common.testing.TestTokens;
import no.katapult.gateway.metrics.GatewayMetrics;
import no.katapult.gateway.routing.GatewayConfig;
import no.katapult.gateway.routing.RouteTable;
import no.katapult.gateway.routing.RouteTable.GatewayRoute;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.gateway.Replicas.awaitTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buckets in the machine's Redis, reached through a relay the test can cut. A second {@link RateLimiter} on
 * the same Redis and key prefix stands in for a second gateway. /api/v1/limited allows a burst of 3 per client.
 */
@QuarkusTest
@TestProfile(SharedRateLimitTest.SharedInRedis.class)
class SharedRateLimitTest {

    public static class SharedInRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.rate-limit.redis.key-prefix", "katapult:test:" + UUID.randomUUID() + ":",
                    "gateway.rate-limit.redis.retry-interval", "200ms");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisRelayResource.class));
        }
    }

    @Inject
    GatewayConfig config;

    @Inject
    RouteTable routes;

    @Inject
    Vertx vertx;

    @Inject
    GatewayMetrics metrics;

    @Test
    void aSecondGatewayOnTheSameRedisDrawsOnTheSameBudget() throws Exception {
        String user = "shared-" + UUID.randomUUID();
        String token = TestTokens.user(user, "sme").sign();
        GatewayRoute limited = routes.match("/api/v1/limited").orElseThrow();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'rate-limit-store' }.data.store", equalTo("redis"))
                .body("checks.find { it.name == 'rate-limit-store' }.data.state", equalTo("OK"));
        try (RateLimiter second = new RateLimiter(config, routes, vertx, metrics)) {
            Response first = given().auth().oauth2(token).get("/api/v1/limited/things");
            assertEquals(200, first.statusCode());
            assertEquals("2", first.header("RateLimit-Remaining"));

            RateLimiter.Decision there = acquire(second, "sub:sub-" + user, limited);
            assertTrue(there.allowed());
            assertEquals(1, there.remaining(), "the second gateway sees the first one's request");

            Response again = given().auth().oauth2(token).get("/api/v1/limited/things");
            assertEquals(200, again.statusCode());
            assertEquals("0", again.header("RateLimit-Remaining"));

            assertFalse(acquire(second, "sub:sub-" + user, limited).allowed());
            assertProblem(given().auth().oauth2(token).get("/api/v1/limited/things"), 429, "too-many-requests");
        }
    }

    @Test
    void withoutRedisTheGatewayLimitsOnItsOwnAndSaysSoInItsHealth() {
        String token = TestTokens.user("alone-" + UUID.randomUUID(), "sme").sign();
        RedisRelayResource.stopRelay();
        try {
            for (int i = 0; i < 3; i++) {
                given().auth().oauth2(token).get("/api/v1/limited/things").then().statusCode(200);
            }
            assertProblem(given().auth().oauth2(token).get("/api/v1/limited/things"), 429, "too-many-requests");
            // Still ready: it serves, with its own limits.
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                    .body("checks.find { it.name == 'rate-limit-store' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'rate-limit-store' }.data.state", equalTo("DEGRADED"))
                    .body("checks.find { it.name == 'rate-limit-store' }.data.store", equalTo("memory"))
                    .body("checks.find { it.name == 'rate-limit-store' }.data.shared", equalTo(false));
            given().get("/q/health/group/downstream").then()
                    .body("checks.find { it.name == 'rate-limit-store' }.status", equalTo("DOWN"));
        } finally {
            RedisRelayResource.startRelay();
        }
        awaitTrue("the gateway shares its limits in Redis again", Duration.ofSeconds(10), () ->
                "OK".equals(given().get("/q/health/ready").jsonPath()
                        .getString("checks.find { it.name == 'rate-limit-store' }.data.state")));
        given().get("/q/health/group/downstream").then()
                .body("checks.find { it.name == 'rate-limit-store' }.status", equalTo("UP"));
    }

    private static RateLimiter.Decision acquire(RateLimiter limiter, String client, GatewayRoute route)
            throws Exception {
        return limiter.tryAcquire(client, route).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
}

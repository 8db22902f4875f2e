package no.katapult.gateway.metrics;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/metrics shows each route's latency histogram, the instances' answers, rate-limit refusals and breaker states. */
@QuarkusTest
class GatewayMetricsTest {

    @Test
    void aRouteCountsItsAnswersInALatencyHistogram() {
        Map<String, String> ok = Map.of("route", "centres", "method", "GET", "status", "200");
        double before = value("gateway_requests_seconds_count", ok);
        given().get("/api/v1/centres").then().statusCode(200);
        given().get("/api/v1/centres").then().statusCode(200);

        assertEquals(before + 2, value("gateway_requests_seconds_count", ok));
        assertTrue(value("gateway_requests_seconds_bucket", Map.of("route", "centres", "status", "200", "le", "+Inf"))
                >= before + 2, "the histogram's last bucket holds every answer");
        long buckets = metrics().lines().filter(l -> l.startsWith("gateway_requests_seconds_bucket{")
                && l.contains("route=\"centres\"") && l.contains("status=\"200\"")).count();
        assertTrue(buckets >= 10, "a histogram with buckets from 1 ms to 30 s; got " + buckets);
    }

    @Test
    void aMethodAClientMadeUpIsTaggedOtherSoTheSeriesStayBounded() {
        given().request("BREW", "/api/v1/centres");
        given().request("BREW2", "/api/v1/centres");
        String text = metrics();
        assertTrue(series(text, "gateway_requests_seconds_count", Map.of("route", "centres", "method", "OTHER")) != null);
        assertTrue(series(text, "gateway_requests_seconds_count", Map.of("method", "BREW")) == null);
        assertEquals("PATCH", GatewayMetrics.tagOf("PATCH"));
        assertEquals("OTHER", GatewayMetrics.tagOf("get"), "methods are case-sensitive (RFC 9110 section 9.1)");
    }

    @Test
    void anInstanceIsCountedByStatusOrByWhyItGaveNone() {
        Map<String, String> answered = Map.of("instance", "catapult-registry#1", "status", "200");
        Map<String, String> refused = Map.of("instance", "dead-service#1", "status", "unreachable");
        double answeredBefore = value("gateway_upstream_responses_total", answered);
        double refusedBefore = value("gateway_upstream_responses_total", refused);

        given().get("/api/v1/centres").then().statusCode(200);
        given().get("/api/v1/dead/x").then().statusCode(503);

        assertEquals(answeredBefore + 1, value("gateway_upstream_responses_total", answered));
        assertEquals(refusedBefore + 1, value("gateway_upstream_responses_total", refused));
        assertTrue(value("gateway_requests_seconds_count", Map.of("route", "dead", "status", "503")) >= 1,
                "the gateway's own 503 is a route answer too");
    }

    @Test
    void aRefusalByARateLimitIsCountedByItsQuota() {
        String token = TestTokens.user("metered-" + UUID.randomUUID(), "sme").sign();
        Map<String, String> quota = Map.of("quota", "route-limited");
        double before = value("gateway_rate_limit_rejections_total", quota);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/v1/limited/things").then().statusCode(200);
        }
        given().auth().oauth2(token).get("/api/v1/limited/things").then().statusCode(429);

        assertEquals(before + 1, value("gateway_rate_limit_rejections_total", quota));
        assertTrue(value("gateway_requests_seconds_count", Map.of("route", "limited", "status", "429")) >= 1);
    }

    @Test
    void everyInstanceShowsItsBreakerState() {
        String text = metrics();
        for (String instance : new String[]{"catapult-registry#1", "facility-booking#1", "replicated#1", "replicated#2"}) {
            assertTrue(series(text, "gateway_circuit_breaker_state", Map.of("instance", instance)) != null,
                    "breaker state of " + instance);
        }
        assertEquals(0.0, value("gateway_circuit_breaker_state", Map.of("instance", "catapult-registry#1")));
    }

    @Test
    void breakerStatesAreNumbered() {
        assertEquals(0.0, GatewayMetrics.code(io.smallrye.faulttolerance.api.CircuitBreakerState.CLOSED));
        assertEquals(1.0, GatewayMetrics.code(io.smallrye.faulttolerance.api.CircuitBreakerState.HALF_OPEN));
        assertEquals(2.0, GatewayMetrics.code(io.smallrye.faulttolerance.api.CircuitBreakerState.OPEN));
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum over the series of {@code name} that carry all of {@code labels}; 0 when there is none yet. */
    private static double value(String name, Map<String, String> labels) {
        Double v = series(metrics(), name, labels);
        return v == null ? 0 : v;
    }

    private static Double series(String text, String name, Map<String, String> labels) {
        // The value follows the labels; an exemplar (# {trace_id=...} ...) may follow the value.
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        Double sum = null;
        while (m.find()) {
            String found = m.group(1);
            boolean all = labels.entrySet().stream()
                    .allMatch(e -> found.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                sum = (sum == null ? 0 : sum) + Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}

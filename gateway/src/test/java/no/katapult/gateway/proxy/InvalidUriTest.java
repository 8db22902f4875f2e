package no.katapult.gateway.proxy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import no.katapult.common.testing.RawHttp;
import no.katapult.gateway.Stubs;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request URI Quarkus would refuse with a bare 400 (invalid percent-encoding) is answered by the gateway as a
 * problem, and never reaches a service (found by the e2e hostile-input sweep, issue 11).
 */
@QuarkusTest
class InvalidUriTest {

    @Test
    void invalidPercentEncodingIs400ProblemAndNotForwarded() throws Exception {
        Stubs registry = Stubs.of("catapult-registry");
        int before = registry.hits();
        for (String target : List.of("/api/v1/centres?q=a%zzb", "/api/v1/centres/%", "/api/v1/centres/%4",
                "/api/v1/cen%zztres", "/q/openapi?format=%")) {
            RawHttp.Answer a = RawHttp.send("GET " + target + " HTTP/1.1");
            assertEquals(400, a.status(), () -> target + ": " + a);
            assertTrue(a.isProblem(), () -> target + ": " + a);
            JsonPath problem = JsonPath.from(a.body());
            assertEquals("urn:katapult:problem:invalid-uri", problem.getString("type"), () -> target + ": " + a);
            assertEquals(a.header("X-Request-Id"), problem.getString("requestId"), () -> target + ": " + a);
        }
        assertEquals(before, registry.hits());
    }
}

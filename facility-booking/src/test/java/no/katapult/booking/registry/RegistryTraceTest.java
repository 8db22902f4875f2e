package no.katapult.booking.registry;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A booking's calls to catapult-registry belong to the booking's trace: the W3C context goes on with them. */
@QuarkusTest
class RegistryTraceTest extends AtMondayMorning {

    @Test
    void theRegistryCallsOfABookingCarryTheCallersTrace() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.user("sme-traced", "sme").orgNo(org).sign();
        UUID facility = RegistryStub.facility().register();
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        String traceId = HexFormat.of().formatHex(id);
        String callerSpan = "00f067aa0ba902b7";

        String requestId = given().auth().oauth2(token).contentType("application/json")
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Api.body("FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"))
                .post("/api/v1/bookings").then().statusCode(201).extract().header("X-Request-Id");

        List<String> calls = RegistryStub.traceparents("/api/v1/facilities/" + facility);
        assertFalse(calls.isEmpty(), "the booking asked the registry for the facility");
        for (String traceparent : calls) {
            assertTrue(traceparent != null && traceparent.matches("00-" + traceId + "-[0-9a-f]{16}-01"),
                    "the registry call of request " + requestId + " is in the caller's trace: " + traceparent);
            assertFalse(traceparent.contains(callerSpan), "its parent is the service's own span: " + traceparent);
        }
        assertEquals(calls.size(), calls.stream().distinct().count(), "each call is a span of its own");
    }
}

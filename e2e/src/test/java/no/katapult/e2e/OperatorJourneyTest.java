package no.katapult.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static no.katapult.e2e.Suite.anonymous;
import static no.katapult.e2e.Suite.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 2: operator-halden confirms a REQUESTED booking at their centre; another centre's operator cannot. */
class OperatorJourneyTest {

    @Test
    void operatorConfirmsRequestedBookingAtOwnCentreOnly() {
        Response centres = anonymous().queryParam("code", "smart-innovation-norway").get("/api/v1/centres");
        assertEquals(200, centres.statusCode(), centres::asString);
        String centreId = centres.jsonPath().getString("items[0].id");
        List<String> facilityIds = anonymous().queryParam("centreId", centreId).queryParam("size", 100)
                .get("/api/v1/facilities").jsonPath().getList("items.id");
        JsonPath facility = null;
        for (String id : facilityIds) {
            JsonPath f = anonymous().get("/api/v1/facilities/" + id).jsonPath();
            if (f.getBoolean("bookingRules.requiresApproval") && f.getBoolean("bookable") && f.getBoolean("active")) {
                facility = f;
                break;
            }
        }
        assertTrue(facility != null, "the node has a facility that requires approval");
        String facilityId = facility.getString("id");

        var monday = Slots.nextMonday().plusWeeks(1);
        Slots.Slot slot = Slots.firstFree("FACILITY", facilityId, facility, monday, monday.plusDays(7)).orElseThrow();
        Response created = as("sme-anna").header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                {"resourceType": "FACILITY", "resourceId": "%s", "start": "%s", "end": "%s",
                 "purpose": "Service design workshop (e2e)"}""".formatted(facilityId, slot.start(), slot.end()))
                .post("/api/v1/bookings");
        assertEquals(201, created.statusCode(), created::asString);
        assertEquals("REQUESTED", created.jsonPath().getString("status"));
        String id = created.jsonPath().getString("id");
        String etag = created.header("ETag");

        // The operator sees it among the REQUESTED bookings of their centre.
        Response requested = as("operator-halden").queryParam("status", "REQUESTED").queryParam("size", 100)
                .get("/api/v1/bookings");
        assertEquals(200, requested.statusCode(), requested::asString);
        assertTrue(requested.jsonPath().getList("items.id").contains(id));

        // Another centre's operator may not confirm it.
        Response foreign = as("operator-digicat").header("If-Match", etag).post("/api/v1/bookings/" + id + "/confirm");
        assertTrue(foreign.statusCode() == 403 || foreign.statusCode() == 404, foreign::asString);
        Suite.assertProblem(foreign, foreign.statusCode());

        Response confirmed = as("operator-halden").header("If-Match", etag).post("/api/v1/bookings/" + id + "/confirm");
        assertEquals(200, confirmed.statusCode(), confirmed::asString);
        assertEquals("CONFIRMED", confirmed.jsonPath().getString("status"));
    }
}

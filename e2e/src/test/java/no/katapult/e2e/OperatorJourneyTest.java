package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Answer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 2: operator-halden confirms a REQUESTED booking at their centre; another centre's operator cannot. */
class OperatorJourneyTest {

    @Test
    void operatorConfirmsRequestedBookingAtOwnCentreOnly() {
        Answer centres = API.get("/api/v1/centres").query("code", "smart-innovation-norway").send();
        assertEquals(200, centres.status(), centres::toString);
        String centreId = centres.json().at("/items/0/id").asText();
        JsonNode facility = null;
        for (String id : ids(API.get("/api/v1/facilities").query("centreId", centreId).query("size", 100).send())) {
            JsonNode f = API.get("/api/v1/facilities/" + id).send().json();
            if (f.at("/bookingRules/requiresApproval").asBoolean() && f.path("bookable").asBoolean()
                    && f.path("active").asBoolean()) {
                facility = f;
                break;
            }
        }
        assertTrue(facility != null, "the node has a facility that requires approval");
        String facilityId = facility.path("id").asText();

        var monday = Slots.nextMonday().plusWeeks(1);
        Slots.Slot slot = Slots.firstFree(facility, monday, 7).orElseThrow();
        Answer created = API.post("/api/v1/bookings").as("sme-anna").idempotencyKey(UUID.randomUUID().toString())
                .body("""
                {"resourceType": "FACILITY", "resourceId": "%s", "start": "%s", "end": "%s",
                 "purpose": "Service design workshop (e2e)"}""".formatted(facilityId, slot.start(), slot.end())).send();
        assertEquals(201, created.status(), created::toString);
        assertEquals("REQUESTED", created.json().path("status").asText());
        String id = created.json().path("id").asText();
        String etag = created.header("ETag").orElseThrow(() -> new AssertionError("ETag: " + created));

        // The operator sees it among the REQUESTED bookings of their centre.
        Answer requested = API.get("/api/v1/bookings").as("operator-halden").query("status", "REQUESTED")
                .query("size", 100).send();
        assertEquals(200, requested.status(), requested::toString);
        assertTrue(ids(requested).contains(id));

        // Another centre's operator may not confirm it.
        Answer foreign = API.post("/api/v1/bookings/" + id + "/confirm").as("operator-digicat")
                .header("If-Match", etag).send();
        assertTrue(foreign.status() == 403 || foreign.status() == 404, foreign::toString);
        assertProblem(foreign, foreign.status());

        Answer confirmed = API.post("/api/v1/bookings/" + id + "/confirm").as("operator-halden")
                .header("If-Match", etag).send();
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("CONFIRMED", confirmed.json().path("status").asText());
    }

    /** The ids of a list answer's items. */
    private static List<String> ids(Answer list) {
        List<String> ids = new ArrayList<>();
        list.json().path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }
}

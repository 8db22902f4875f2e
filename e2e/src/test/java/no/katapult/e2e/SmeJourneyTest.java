package no.katapult.e2e;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static no.katapult.e2e.Suite.anonymous;
import static no.katapult.e2e.Suite.as;
import static no.katapult.e2e.Suite.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 1: sme-anna finds a facility, declares her SME status, books, and reads her calendar and aid. */
class SmeJourneyTest {

    static final String ANNA_ORG = "910000012";

    @Test
    void smeFindsBooksAndReadsHerCalendarAndAid() throws Exception {
        // Search the public catalogue by capability, then open the facility.
        Response search = anonymous().queryParam("q", "3d-printer").get("/api/v1/facilities");
        assertEquals(200, search.statusCode(), search::asString);
        List<Map<String, Object>> hits = search.jsonPath().getList("items");
        assertFalse(hits.isEmpty(), "the demo catalogue has a facility with a 3D printer");
        String facilityId = hits.stream()
                .filter(f -> Boolean.TRUE.equals(f.get("bookable")) && Boolean.TRUE.equals(f.get("active")))
                .map(f -> (String) f.get("id")).findFirst().orElseThrow();
        Response opened = anonymous().get("/api/v1/facilities/" + facilityId);
        assertEquals(200, opened.statusCode(), opened::asString);
        JsonPath facility = opened.jsonPath();

        // Declare the SME status of her organisation.
        Response declared = as("sme-anna").body("""
                {"name": "Anna Prototyping AS (demo)", "kind": "COMPANY",
                 "smeDeclaration": {"employees": 12, "annualTurnover": {"amount": 18000000, "currency": "NOK"},
                   "balanceSheetTotal": {"amount": 9000000, "currency": "NOK"}, "fiscalYear": 2025,
                   "hasLinkedEnterprises": false}}""").put("/api/v1/organisations/" + ANNA_ORG);
        assertEquals(200, declared.statusCode(), declared::asString);
        assertEquals("SMALL", declared.jsonPath().getString("smeClass"));

        // Availability for next week, then book the first free slot, twice with one Idempotency-Key.
        var monday = Slots.nextMonday();
        Slots.Slot slot = Slots.firstFree("FACILITY", facilityId, facility, monday, monday.plusDays(7)).orElseThrow();
        String body = """
                {"resourceType": "FACILITY", "resourceId": "%s", "start": "%s", "end": "%s",
                 "purpose": "Prototype housing print (e2e)"}""".formatted(facilityId, slot.start(), slot.end());
        String key = UUID.randomUUID().toString();
        Response first = as("sme-anna").header("Idempotency-Key", key).body(body).post("/api/v1/bookings");
        assertEquals(201, first.statusCode(), first::asString);
        String bookingId = first.jsonPath().getString("id");
        assertTrue(first.header("Location").endsWith("/api/v1/bookings/" + bookingId));
        long before = countBookings("sme-anna");
        Response replay = as("sme-anna").header("Idempotency-Key", key).body(body).post("/api/v1/bookings");
        assertEquals(201, replay.statusCode(), replay::asString);
        assertEquals(bookingId, replay.jsonPath().getString("id"), "the replay returns the first booking");
        assertEquals(before, countBookings("sme-anna"), "the replay created nothing new");

        // An overlapping slot is a conflict.
        Response overlap = as("sme-anna").header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body.replace("(e2e)", "(overlap)")).post("/api/v1/bookings");
        assertProblem(overlap, 409);
        assertEquals("urn:katapult:problem:booking-conflict", overlap.jsonPath().getString("type"));

        // Her calendar, parsed by a real iCalendar parser.
        Response ics = as("sme-anna").accept("text/calendar").get("/api/v1/bookings");
        assertEquals(200, ics.statusCode(), ics::asString);
        assertTrue(ics.contentType().startsWith("text/calendar"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.asString()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertTrue(events.stream().anyMatch(e -> e.getUid().map(u -> u.getValue().contains(bookingId)).orElse(false)),
                "the calendar holds the new booking");

        // Her aid summary includes the booking.
        Response aid = as("sme-anna").get("/api/v1/aid/" + ANNA_ORG);
        assertEquals(200, aid.statusCode(), aid::asString);
        assertTrue(aid.asString().contains(bookingId), "aid summary lists the booking");

        // Another SME cannot see it.
        assertProblem(as("sme-bjorn").get("/api/v1/bookings/" + bookingId), 404);
    }

    private static long countBookings(String user) {
        Response r = as(user).queryParam("size", 1).get("/api/v1/bookings");
        assertEquals(200, r.statusCode(), r::asString);
        return r.jsonPath().getLong("total");
    }
}

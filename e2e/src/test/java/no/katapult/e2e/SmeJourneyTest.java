package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import no.katapult.client.Answer;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 1: sme-anna finds a facility, declares her SME status, books, and reads her calendar, aid and aid statement. */
class SmeJourneyTest {

    static final String ANNA_ORG = "910000012";

    @Test
    void smeFindsBooksAndReadsHerCalendarAndAid() throws Exception {
        // Search the public catalogue by capability, then open the facility.
        Answer search = API.get("/api/v1/facilities").query("q", "3d-printer").send();
        assertEquals(200, search.status(), search::toString);
        List<JsonNode> hits = StreamSupport.stream(search.json().path("items").spliterator(), false).toList();
        assertFalse(hits.isEmpty(), "the demo catalogue has a facility with a 3D printer");
        String facilityId = hits.stream()
                .filter(f -> f.path("bookable").asBoolean() && f.path("active").asBoolean())
                .map(f -> f.path("id").asText()).findFirst().orElseThrow();
        Answer opened = API.get("/api/v1/facilities/" + facilityId).send();
        assertEquals(200, opened.status(), opened::toString);
        JsonNode facility = opened.json();

        // Declare the SME status of her organisation.
        Answer declared = API.put("/api/v1/organisations/" + ANNA_ORG).as("sme-anna").body("""
                {"name": "Anna Prototyping AS (demo)", "kind": "COMPANY",
                 "smeDeclaration": {"employees": 12, "annualTurnover": {"amount": 18000000, "currency": "NOK"},
                   "balanceSheetTotal": {"amount": 9000000, "currency": "NOK"}, "fiscalYear": 2025,
                   "hasLinkedEnterprises": false}}""").send();
        assertEquals(200, declared.status(), declared::toString);
        assertEquals("SMALL", declared.json().path("smeClass").asText());

        // Availability for next week, then book the first free slot, twice with one Idempotency-Key.
        var monday = Slots.nextMonday();
        Slots.Slot slot = Slots.firstFree(facility, monday, 7).orElseThrow();
        String body = """
                {"resourceType": "FACILITY", "resourceId": "%s", "start": "%s", "end": "%s",
                 "purpose": "Prototype housing print (e2e)"}""".formatted(facilityId, slot.start(), slot.end());
        String key = UUID.randomUUID().toString();
        Answer first = API.post("/api/v1/bookings").as("sme-anna").idempotencyKey(key).body(body).send();
        assertEquals(201, first.status(), first::toString);
        String bookingId = first.json().path("id").asText();
        assertTrue(first.header("Location").orElse("").endsWith("/api/v1/bookings/" + bookingId), first::toString);
        long before = countBookings("sme-anna");
        Answer replay = API.post("/api/v1/bookings").as("sme-anna").idempotencyKey(key).body(body).send();
        assertEquals(201, replay.status(), replay::toString);
        assertEquals(bookingId, replay.json().path("id").asText(), "the replay returns the first booking");
        assertEquals(before, countBookings("sme-anna"), "the replay created nothing new");

        // An overlapping slot is a conflict.
        Answer overlap = API.post("/api/v1/bookings").as("sme-anna").idempotencyKey(UUID.randomUUID().toString())
                .body(body.replace("(e2e)", "(overlap)")).send();
        assertProblem(overlap, 409, "booking-conflict");

        // Her calendar, parsed by a real iCalendar parser.
        Answer ics = API.get("/api/v1/bookings").as("sme-anna").header("Accept", "text/calendar").send();
        assertEquals(200, ics.status(), ics::toString);
        assertTrue(ics.contentType().startsWith("text/calendar"), ics::toString);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertTrue(events.stream().anyMatch(e -> e.getUid().map(u -> u.getValue().contains(bookingId)).orElse(false)),
                "the calendar holds the new booking");

        // Her aid summary includes the booking.
        Answer aid = API.get("/api/v1/aid/" + ANNA_ORG).as("sme-anna").send();
        assertEquals(200, aid.status(), aid::toString);
        assertTrue(aid.body().contains(bookingId), "aid summary lists the booking");

        // Her written aid statement for this year: the PDF, read as text, names every booking with the JSON's figures.
        JsonNode statement = AidStatementCheck.check("sme-anna", ANNA_ORG, Year.now(ZoneId.of("Europe/Oslo")).getValue());
        assertTrue(StreamSupport.stream(statement.path("bookings").spliterator(), false)
                .anyMatch(line -> line.path("bookingId").asText().equals(bookingId)), "the statement lists the booking");

        // Another SME cannot see it.
        assertProblem(API.get("/api/v1/bookings/" + bookingId).as("sme-bjorn").send(), 404);
    }

    private static long countBookings(String user) {
        Answer r = API.get("/api/v1/bookings").as(user).query("size", 1).send();
        assertEquals(200, r.status(), r::toString);
        return r.json().path("total").asLong();
    }
}

package no.katapult.events;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.common.events.EventEnvelope;
import no.katapult.common.events.Outbox;
import no.katapult.common.events.OutboxSequencer;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/v1/events: CloudEvents from a cursor, and who sees what. */
@QuarkusTest
class FeedTest {

    static final String EVENTS = "/api/v1/events";

    @Inject
    Outbox outbox;

    @Inject
    OutboxSequencer sequencer;

    /** The cursor at the head of the log: events appended after it are the ones a test reads. */
    static String head(String token) {
        return given().auth().oauth2(token).queryParam("type", "no.such.type").queryParam("size", 1).get(EVENTS)
                .then().statusCode(200).extract().path("next");
    }

    /** Every event after a cursor that the token may see, following next until the feed has no more. */
    static List<Map<String, Object>> readAll(String token, String after, String type) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = after;
        while (true) {
            var request = given().auth().oauth2(token).queryParam("size", 500);
            if (cursor != null) {
                request.queryParam("after", cursor);
            }
            if (type != null) {
                request.queryParam("type", type);
            }
            Response r = request.get(EVENTS);
            assertEquals(200, r.statusCode(), r.asString());
            List<Map<String, Object>> items = r.jsonPath().getList("items");
            all.addAll(items);
            String next = r.jsonPath().getString("next");
            if (items.size() < 500) {
                return all;
            }
            cursor = next;
        }
    }

    static List<String> ids(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("id")).toList();
    }

    void appendAndPosition(EventEnvelope... events) {
        Events.append(outbox, events);
        sequencer.sequence();
    }

    @Test
    void eachRoleSeesItsViewOfTheEvents() {
        String org = TestOrgNumbers.fresh();
        String otherOrg = TestOrgNumbers.fresh();
        String sme = TestTokens.sme("sme-feed", org);
        String adminStart = head(TestTokens.admin());
        String partnerStart = head(TestTokens.partner());
        String smeStart = head(sme);

        EventEnvelope centre = Events.sample("no.katapult.centre.created", null);
        EventEnvelope submitted = Events.sample("no.katapult.application.submitted", org);
        EventEnvelope decided = Events.sample("no.katapult.application.decided", org);
        EventEnvelope booking = Events.sample("no.katapult.booking.confirmed", org);
        EventEnvelope aid = Events.next(booking, "no.katapult.aid.granted");
        EventEnvelope othersBooking = Events.sample("no.katapult.booking.requested", otherOrg);
        appendAndPosition(centre, submitted, decided, booking, aid, othersBooking);

        List<Map<String, Object>> admin = readAll(TestTokens.admin(), adminStart, null);
        List<String> all = List.of(centre.id().toString(), submitted.id().toString(), decided.id().toString(),
                booking.id().toString(), aid.id().toString(), othersBooking.id().toString());
        assertEquals(all, ids(admin).stream().filter(all::contains).toList(), "siva-admin: every event, in log order");
        Map<String, Object> adminBooking = byId(admin, booking.id());
        assertEquals("sme-anna", data(adminBooking).get("bookedBy"));

        List<Map<String, Object>> partner = readAll(TestTokens.partner(), partnerStart, null);
        assertEquals(List.of(centre.id().toString(), decided.id().toString(), booking.id().toString(),
                aid.id().toString(), othersBooking.id().toString()), ids(partner).stream().filter(all::contains).toList(),
                "a partner: events with a partner view only");
        Map<String, Object> partnerBooking = byId(partner, booking.id());
        assertFalse(data(partnerBooking).containsKey("bookedBy"), "no personal data for partners");
        assertFalse(data(partnerBooking).containsKey("purpose"));
        assertNull(data(byId(partner, decided.id())).get("justification"), "application.decided: public fields only");
        assertEquals("GRANTED", data(byId(partner, decided.id())).get("outcome"));

        List<Map<String, Object>> own = readAll(sme, smeStart, null);
        assertEquals(List.of(booking.id().toString(), aid.id().toString()), ids(own),
                "an sme: its own organisation's booking and aid events, nothing else");
        assertEquals("sme-anna", data(byId(own, booking.id())).get("bookedBy"), "its own data in full");
    }

    @Test
    void eventsAreStructuredCloudEventsWithASequencePerSubject() {
        String start = head(TestTokens.admin());
        EventEnvelope first = Events.sample("no.katapult.booking.requested", TestOrgNumbers.fresh());
        EventEnvelope second = Events.next(first, "no.katapult.booking.confirmed");
        appendAndPosition(first, second);
        List<Map<String, Object>> events = readAll(TestTokens.admin(), start, "no.katapult.booking.");
        Map<String, Object> e = byId(events, second.id());
        assertEquals("1.0", e.get("specversion"));
        assertEquals("/katapult/facility-booking", e.get("source"));
        assertEquals("no.katapult.booking.confirmed", e.get("type"));
        assertEquals(second.subject(), e.get("subject"));
        assertEquals("application/json", e.get("datacontenttype"));
        assertEquals(2, e.get("sequence"), "an integer, one more than the subject's previous event");
        assertEquals(1, byId(events, first.id()).get("sequence"));
        assertTrue(((String) e.get("time")).startsWith(second.time().toLocalDate().toString()));
    }

    @Test
    void theCursorReadsOnWithoutRepeatsAndTheTypeFilterIsAPrefix() {
        String start = head(TestTokens.admin());
        String prefix = "no.katapult.centre.";
        List<EventEnvelope> centres = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            centres.add(Events.sample(i % 2 == 0 ? "no.katapult.centre.created" : "no.katapult.centre.updated", null));
        }
        EventEnvelope facility = Events.sample("no.katapult.facility.created", null);
        List<EventEnvelope> all = new ArrayList<>(centres);
        all.add(3, facility);
        appendAndPosition(all.toArray(EventEnvelope[]::new));

        List<String> read = new ArrayList<>();
        String cursor = start;
        for (int page = 0; page < 10; page++) {
            Response r = given().auth().oauth2(TestTokens.admin()).queryParam("after", cursor).queryParam("type", prefix)
                    .queryParam("size", 3).get(EVENTS);
            assertEquals(200, r.statusCode(), r.asString());
            List<String> items = r.jsonPath().getList("items.id");
            read.addAll(items);
            cursor = r.jsonPath().getString("next");
            if (items.isEmpty()) {
                break;
            }
        }
        List<String> expected = centres.stream().map(e -> e.id().toString()).toList();
        assertEquals(expected, read.stream().filter(expected::contains).toList(), "every centre event once, in order");
        assertFalse(read.contains(facility.id().toString()));
        // The last answer matched nothing, yet its next stands at the head, not where the reader started.
        Response after = given().auth().oauth2(TestTokens.admin()).queryParam("after", cursor).queryParam("type", prefix)
                .get(EVENTS);
        assertEquals(cursor, after.jsonPath().getString("next"));
        assertTrue(Cursor.position(cursor) >= Cursor.position(start) + all.size());
    }

    @Test
    void withoutACursorTheFeedStartsAtTheOldestRetainedEvent() {
        appendAndPosition(Events.sample("no.katapult.equipment.created", null));
        Response r = given().auth().oauth2(TestTokens.admin()).queryParam("size", 1).get(EVENTS);
        assertEquals(200, r.statusCode());
        assertEquals(1, r.jsonPath().getList("items").size());
        Response again = given().auth().oauth2(TestTokens.admin()).queryParam("size", 1).get(EVENTS);
        assertEquals(r.jsonPath().getString("items[0].id"), again.jsonPath().getString("items[0].id"));
    }

    @Test
    void otherRolesAndAnSmeWithoutAnOrganisationAreRefused() {
        assertProblem(given().auth().oauth2(TestTokens.operator("operator-halden", "smart-innovation-norway")).get(EVENTS)
                .andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.user("applicant-x", "applicant").orgNo(TestOrgNumbers.fresh()).sign())
                .get(EVENTS).andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.user("reviewer-1", "reviewer").sign()).get(EVENTS).andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.user("sme-nobody", "sme").sign()).get(EVENTS).andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.user("svc", "internal").sign()).get(EVENTS).andReturn(), 403);
        assertProblem(given().get(EVENTS).andReturn(), 401);
    }

    @Test
    void badCursorsSizesAndTypesAre400ProblemsNamingThem() {
        String admin = TestTokens.admin();
        for (String bad : new String[]{"nonsense", "12", Cursor.of(3) + "x", "djI6MTI"}) {
            assertProblem(given().auth().oauth2(admin).queryParam("after", bad).get(EVENTS).andReturn(), 400, "validation")
                    .then().body("errors[0].field", org.hamcrest.Matchers.equalTo("after"));
        }
        for (String bad : new String[]{"0", "501", "-1", "ten", "1.5"}) {
            assertProblem(given().auth().oauth2(admin).queryParam("size", bad).get(EVENTS).andReturn(), 400, "validation")
                    .then().body("errors[0].field", org.hamcrest.Matchers.equalTo("size"));
        }
        for (String bad : new String[]{"no.katapult.%", "booking*", ".starts.with.dot", "a".repeat(201), "no katapult"}) {
            assertProblem(given().auth().oauth2(admin).queryParam("type", bad).get(EVENTS).andReturn(), 400, "validation")
                    .then().body("errors[0].field", org.hamcrest.Matchers.equalTo("type"));
        }
        Response all = given().auth().oauth2(admin).queryParam("after", "bad").queryParam("size", "0")
                .queryParam("type", "%").get(EVENTS);
        assertProblem(all, 400, "validation").then()
                .body("errors.field", org.hamcrest.Matchers.hasItems("after", "size", "type"));
        given().auth().oauth2(admin).queryParam("size", 500).get(EVENTS).then().statusCode(200);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    static Map<String, Object> byId(List<Map<String, Object>> events, UUID id) {
        return events.stream().filter(e -> id.toString().equals(e.get("id"))).findFirst()
                .orElseThrow(() -> new AssertionError("event " + id + " not in " + ids(events)));
    }
}

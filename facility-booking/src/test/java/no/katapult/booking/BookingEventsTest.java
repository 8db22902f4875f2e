package no.katapult.booking;

import no.katapult.common.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.EventFeed;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the booking events, written to the outbox in the transaction of the change and read from the
 * service's own feed. Subject bookings/{id}; each booking's events are numbered 1, 2, ... The full booking
 * is for Siva and the organisation; partners get it without personal data.
 */
@QuarkusTest
class BookingEventsTest extends AtMondayMorning {

    static final List<String> PERSONAL = List.of("bookedBy", "bookedByEmail", "bookedByLocale", "purpose", "statusReason");
    static final String OPERATOR = TestTokens.operator("operator-events", "digicat");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aBookingWithoutApprovalIsConfirmedAtOnceAndCancelled() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-events", org);
        UUID facility = RegistryStub.facility().register();
        String id = created(book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"));

        Map<String, Object> confirmed = EventFeed.await(subject(id), 1).get(0);
        assertEquals(BookingEvents.CONFIRMED, confirmed.get("type"));
        assertEquals(1, ((Number) confirmed.get("sequence")).intValue());
        assertEquals("/katapult/facility-booking", confirmed.get("source"));
        assertEquals(org, confirmed.get("orgNo"));
        Map<String, Object> data = data(confirmed);
        assertEquals(id, data.get("id"));
        assertEquals("CONFIRMED", data.get("status"));
        assertEquals("sme-events", data.get("bookedBy"));
        assertEquals("Prototype test", data.get("purpose"));
        assertWithoutPersonalData(id, partnerData(confirmed), "CONFIRMED");

        Api.cancel(token, id, "Prototypen er forsinket").then().statusCode(200);
        List<Map<String, Object>> events = EventFeed.await(subject(id), 2);
        assertEquals(List.of(BookingEvents.CONFIRMED, BookingEvents.CANCELLED), EventFeed.types(events));
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
        assertEquals("Prototypen er forsinket", data(events.get(1)).get("statusReason"));
        assertEquals(1, ((Number) data(events.get(1)).get("version")).intValue());
        assertWithoutPersonalData(id, partnerData(events.get(1)), "CANCELLED");
    }

    @Test
    void aBookingThatNeedsApprovalIsRequestedThenConfirmedThenCancelled() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-events", org);
        UUID facility = RegistryStub.facility().rule("requiresApproval", true).register();
        String id = created(book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"));

        Map<String, Object> requested = EventFeed.await(subject(id), 1).get(0);
        assertEquals(BookingEvents.REQUESTED, requested.get("type"));
        assertEquals(1, ((Number) requested.get("sequence")).intValue());
        assertWithoutPersonalData(id, partnerData(requested), "REQUESTED");

        given().auth().oauth2(OPERATOR).post("/api/v1/bookings/" + id + "/confirm").then().statusCode(200);
        List<Map<String, Object>> events = EventFeed.await(subject(id), 2);
        assertEquals(List.of(BookingEvents.REQUESTED, BookingEvents.CONFIRMED), EventFeed.types(events));
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
        assertEquals("CONFIRMED", data(events.get(1)).get("status"));

        Api.cancel(OPERATOR, id, "Maskinen er i stykker").then().statusCode(200);
        events = EventFeed.await(subject(id), 3);
        assertEquals(List.of(BookingEvents.REQUESTED, BookingEvents.CONFIRMED, BookingEvents.CANCELLED),
                EventFeed.types(events));
        assertEquals(List.of(1L, 2L, 3L), EventFeed.sequences(events));
    }

    @Test
    void theBookersEmailAndLocaleFromTheTokenAreCarriedForTheMailsButNotToPartners() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.user("sme-mail", "sme").orgNo(org).email("sme-mail@demo.katapult.no").locale("en").sign();
        UUID facility = RegistryStub.facility().rule("requiresApproval", true).register();
        String id = created(book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"));

        // Recorded at creation: the operator's confirmation carries the booker's contact, not the operator's.
        given().auth().oauth2(TestTokens.user("operator-mail", "centre-operator").centreCode("digicat")
                        .email("operator-mail@demo.katapult.no").locale("nb").sign())
                .post("/api/v1/bookings/" + id + "/confirm").then().statusCode(200);
        List<Map<String, Object>> events = EventFeed.await(subject(id), 2);
        for (Map<String, Object> event : events) {
            assertEquals("sme-mail@demo.katapult.no", data(event).get("bookedByEmail"));
            assertEquals("en", data(event).get("bookedByLocale"));
            assertWithoutPersonalData(id, partnerData(event), (String) data(event).get("status"));
        }
        given().auth().oauth2(token).get("/api/v1/bookings/" + id).then().statusCode(200)
                .body("bookedByEmail", equalTo("sme-mail@demo.katapult.no")).body("bookedByLocale", equalTo("en"));

        // A token without the claims: no address, bokmål.
        String plain = created(book(TestTokens.sme("sme-plain", TestOrgNumbers.fresh()), "FACILITY", facility,
                "2027-01-12T10:00:00+01:00", "2027-01-12T12:00:00+01:00"));
        Map<String, Object> data = data(EventFeed.await(subject(plain), 1).get(0));
        assertEquals(null, data.get("bookedByEmail"));
        assertEquals("nb", data.get("bookedByLocale"));
    }

    @Test
    void aRejectionIsAnEventWhoseReasonPartnersDoNotSee() {
        String org = TestOrgNumbers.fresh();
        UUID facility = RegistryStub.facility().rule("requiresApproval", true).register();
        String id = created(book(TestTokens.sme("sme-events", org), "FACILITY", facility,
                "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"));

        given().auth().oauth2(OPERATOR).contentType("application/json")
                .body("{\"reason\":\"Linja er reservert for vedlikehold\"}")
                .post("/api/v1/bookings/" + id + "/reject").then().statusCode(200);
        List<Map<String, Object>> events = EventFeed.await(subject(id), 2);
        assertEquals(List.of(BookingEvents.REQUESTED, BookingEvents.REJECTED), EventFeed.types(events));
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
        assertEquals("Linja er reservert for vedlikehold", data(events.get(1)).get("statusReason"));
        assertWithoutPersonalData(id, partnerData(events.get(1)), "REJECTED");
    }

    @Test
    void anIdempotentReplayPublishesNothingNew() throws Exception {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-events", org);
        UUID facility = RegistryStub.facility().register();
        String key = UUID.randomUUID().toString();
        String body = Api.body("FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00");
        String id = created(given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key)
                .body(body).post("/api/v1/bookings").andReturn());
        EventFeed.await(subject(id), 1);

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).contentType("application/json").header("Idempotency-Key", key)
                    .body(body).post("/api/v1/bookings").then().statusCode(201)
                    .header("Idempotent-Replayed", "true").body("id", equalTo(id));
        }
        awaitLaterEventPositioned();
        assertEquals(1, EventFeed.of(subject(id)).size(), "the replays published nothing");
        assertEquals(2, eventsInOutbox(org), "one booking event and one aid event, positioned or not");
    }

    @Test
    void aRefusedCreatePublishesNothing() throws Exception {
        UUID facility = RegistryStub.facility().prices("1000000.00", "100000.00").register();
        String winnerOrg = TestOrgNumbers.fresh();
        String winner = created(book(TestTokens.sme("sme-first", winnerOrg), "FACILITY", facility,
                "2027-01-11T10:00:00+01:00", "2027-01-11T13:00:00+01:00"));

        // 409: the period is taken. The insert is refused and its transaction rolled back.
        String loserOrg = TestOrgNumbers.fresh();
        assertProblem(book(TestTokens.sme("sme-second", loserOrg), "FACILITY", facility,
                "2027-01-11T11:00:00+01:00", "2027-01-11T12:00:00+01:00"), 409, "booking-conflict");
        // 422: the winner's organisation is near its de minimis ceiling (NOK 2.7 M of 3.45 M used).
        assertProblem(book(TestTokens.sme("sme-first", winnerOrg), "FACILITY", facility,
                "2027-01-12T10:00:00+01:00", "2027-01-12T11:00:00+01:00"), 422, "aid-ceiling-exceeded");

        awaitLaterEventPositioned();
        assertEquals(0, eventsInOutbox(loserOrg), "no event of the refused booking");
        assertEquals(0, subjectsNamed("organisations/" + loserOrg + "/aid"), "not even a sequence number");
        assertEquals(2, eventsInOutbox(winnerOrg), "only the first booking's events");
        assertEquals(1, EventFeed.of(subject(winner)).size());
    }

    static String subject(String bookingId) {
        return "bookings/" + bookingId;
    }

    static String created(Response r) {
        return r.then().statusCode(201).extract().path("id");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> partnerData(Map<String, Object> event) {
        return (Map<String, Object>) event.get("partnerData");
    }

    static void assertWithoutPersonalData(String id, Map<String, Object> partner, String status) {
        assertEquals(id, partner.get("id"));
        assertEquals(status, partner.get("status"));
        assertTrue(partner.containsKey("price") && partner.containsKey("orgNo") && partner.containsKey("centreCode"),
                () -> "the booking's other members: " + partner);
        for (String member : PERSONAL) {
            assertFalse(partner.containsKey(member), () -> member + " in the partner view: " + partner);
        }
    }

    /**
     * Events are positioned in the order they were written, so once an event written after this point is in the
     * feed, any event written before it (a replay's or a refused create's, had they written one) would be too.
     */
    private void awaitLaterEventPositioned() {
        String marker = created(book(TestTokens.sme("sme-marker", TestOrgNumbers.fresh()), "FACILITY",
                RegistryStub.facility().register(), "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"));
        EventFeed.await(subject(marker), 1);
    }

    /** Events of the organisation in the outbox table, whether the sequencer has positioned them yet or not. */
    private int eventsInOutbox(String orgNo) throws Exception {
        return count("SELECT count(*) FROM outbox_event WHERE org_no = ?", orgNo);
    }

    private int subjectsNamed(String subject) throws Exception {
        return count("SELECT count(*) FROM outbox_subject WHERE subject = ?", subject);
    }

    private int count(String sql, String value) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return Sql.single(c, Long.class, sql, value).intValue();
        }
    }
}

package no.katapult.booking;

import no.katapult.common.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.booking.registry.RegistryClient;
import no.katapult.booking.Concurrent.Answer;
import no.katapult.booking.Concurrent.Call;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 11, point 2: the booking guarantee across registry changes (docs/architecture.md, "Bookings and
 * registry changes"). Each test books, changes the registry as its PUTs would, then races at least 20
 * concurrent requests, each from its own organisation, against what the change could have broken, and
 * ends with the database showing no two active bookings that overlap for any facility or any item.
 * Now is Monday 2027-01-04 09:00 in Oslo; the races are on Monday 2027-02-01.
 */
@QuarkusTest
class RegistryChangesTest extends AtMondayMorning {

    static final String DAY = "2027-02-01";
    static final String ORG = TestOrgNumbers.fresh();
    static final String OWNER = TestTokens.user("sme-before-the-change", "sme").orgNo(ORG).sign();
    static final String DIGICAT = TestTokens.operator("operator-digicat", "digicat");
    static final String OCEAN = TestTokens.operator("operator-ocean", "ocean-innovation");
    static final String ADMIN = TestTokens.admin();

    @TestHTTPResource("/api/v1/bookings")
    URI bookings;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RegistryClient registry;

    @Test
    void itemMovedToAnotherFacilityKeepsItsBookingsAndCannotBeBookedTwice() throws Exception {
        UUID oldFacility = RegistryStub.facility().centre("digicat").prices("1000.00", "400.00").register();
        UUID newFacility = RegistryStub.facility().centre("ocean-innovation").prices("2000.00", "800.00").register();
        UUID item = RegistryStub.equipment(oldFacility, "Laserkutter", true);
        String itemBooking = created(book(OWNER, "EQUIPMENT", item, 10, 12));
        String wholeOldFacility = created(book(OWNER, "FACILITY", oldFacility, 14, 16));

        RegistryStub.moveEquipment(item, newFacility);
        registryCacheExpires();

        // The earlier booking keeps the facility, centre and price it was made with.
        given().auth().oauth2(OWNER).get("/api/v1/bookings/" + itemBooking).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"))
                .body("facilityId", equalTo(oldFacility.toString()))
                .body("centreCode", equalTo("digicat"))
                .body("price.hourly.amount", equalTo(400.0f));
        // Where it is now, the item is taken by both earlier bookings; so is its new facility, which holds it.
        assertFree("EQUIPMENT", item, "00-10", "12-14", "16-24");
        assertFree("FACILITY", newFacility, "00-10", "12-14", "16-24");
        assertFree("FACILITY", oldFacility, "00-10", "12-14", "16-24");

        List<Group> groups = List.of(
                Group.refused("the item again, where its earlier booking is", 5, 409, "booking-conflict",
                        body("EQUIPMENT", item, 10, 12)),
                Group.refused("its new facility, where the item's earlier booking is", 5, 409, "booking-conflict",
                        body("FACILITY", newFacility, 10, 12)),
                Group.refused("its old facility, where the item's earlier booking is", 5, 409, "booking-conflict",
                        body("FACILITY", oldFacility, 10, 12)),
                Group.refused("the item, claimed by its old facility's whole booking", 5, 409, "booking-conflict",
                        body("EQUIPMENT", item, 14, 16)),
                Group.oneWins("its new facility against the item itself", 5, body("FACILITY", newFacility, 18, 20),
                        5, body("EQUIPMENT", item, 19, 21)),
                Group.oneWins("its old facility, which no longer holds it", 5, body("FACILITY", oldFacility, 18, 20)));
        List<String> winners = race(groups);

        // A booking made now belongs to the item's new facility and centre, or claims the item with its facility.
        String winner = winners.get(4);
        JsonPath now = given().auth().oauth2(ADMIN).get("/api/v1/bookings/" + winner)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(newFacility.toString(), now.getString("facilityId"));
        assertEquals("ocean-innovation", now.getString("centreCode"));
        assertTrue(claimedItems(winner).contains(item), "the new facility's booking claims the item");
        assertEquals(List.of(), claimedItems(winners.get(5)), "the old facility's booking claims nothing");
        assertTrue(claimedItems(wholeOldFacility).contains(item), "the earlier whole-facility booking still claims it");
        // The winner is found by the new facility's availability both as its booking and as the item's claim;
        // the duplicate blocks its hours once.
        boolean facilityWon = "FACILITY".equals(now.getString("resourceType"));
        String[] afterRace = facilityWon
                ? new String[]{"00-10", "12-14", "16-18", "20-24"} : new String[]{"00-10", "12-14", "16-19", "21-24"};
        assertFree("FACILITY", newFacility, afterRace);
        assertFree("EQUIPMENT", item, afterRace);
        BookingGuarantee.assertHolds(dataSource);
    }

    @Test
    void facilityMovedToAnotherCentreLeavesItsBookingsWithTheCentreThatAcceptedThem() throws Exception {
        UUID facility = RegistryStub.facility().centre("digicat").rule("requiresApproval", true).register();
        UUID item = RegistryStub.equipment(facility, "CNC-fres", true);
        String before = created(book(OWNER, "FACILITY", facility, 10, 12));
        String itemBefore = created(book(OWNER, "EQUIPMENT", item, 13, 14));

        RegistryStub.moveFacility(facility, "ocean-innovation");

        List<Group> groups = List.of(
                Group.refused("the facility where it was booked before the move", 10, 409, "booking-conflict",
                        body("FACILITY", facility, 10, 12)),
                Group.refused("its item where it was booked before the move", 10, 409, "booking-conflict",
                        body("EQUIPMENT", item, 13, 14)),
                Group.oneWins("the facility against its item, after the move", 5, body("FACILITY", facility, 15, 17),
                        5, body("EQUIPMENT", item, 16, 17)));
        String after = race(groups).get(2);

        JsonPath made = given().auth().oauth2(ADMIN).get("/api/v1/bookings/" + after)
                .then().statusCode(200).extract().jsonPath();
        assertEquals("ocean-innovation", made.getString("centreCode"), "a booking made after the move is the new centre's");
        assertEquals("REQUESTED", made.getString("status"));

        // The centre that accepted the earlier bookings keeps seeing and managing them; the new centre does not.
        for (String id : List.of(before, itemBefore)) {
            given().auth().oauth2(DIGICAT).get("/api/v1/bookings/" + id).then().statusCode(200)
                    .body("centreCode", equalTo("digicat"));
            assertProblem(given().auth().oauth2(OCEAN).get("/api/v1/bookings/" + id).andReturn(), 404);
        }
        assertProblem(given().auth().oauth2(DIGICAT).get("/api/v1/bookings/" + after).andReturn(), 404);
        given().auth().oauth2(OCEAN).get("/api/v1/bookings/" + after).then().statusCode(200);
        boolean afterIsOfTheFacility = "FACILITY".equals(made.getString("resourceType"));
        given().auth().oauth2(OCEAN).queryParam("resourceId", facility.toString()).queryParam("size", 100)
                .get("/api/v1/bookings").then().statusCode(200)
                .body("items.id", equalTo(afterIsOfTheFacility ? List.of(after) : List.of()));
        given().auth().oauth2(DIGICAT).queryParam("resourceId", facility.toString()).queryParam("size", 100)
                .get("/api/v1/bookings").then().statusCode(200).body("items.id", equalTo(List.of(before)));

        assertProblem(given().auth().oauth2(OCEAN).post("/api/v1/bookings/" + before + "/confirm").andReturn(), 404);
        given().auth().oauth2(DIGICAT).post("/api/v1/bookings/" + before + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        Api.cancel(DIGICAT, itemBefore, "Maskinen flyttes til Ocean Innovation").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
        assertProblem(given().auth().oauth2(DIGICAT).post("/api/v1/bookings/" + after + "/confirm").andReturn(), 404);
        given().auth().oauth2(OCEAN).post("/api/v1/bookings/" + after + "/confirm").then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        BookingGuarantee.assertHolds(dataSource);
    }

    @Test
    void bufferIncreasedPadsOnlyNewBookings() throws Exception {
        UUID facility = RegistryStub.facility().rule("bufferMinutes", 0).register();
        String before = created(book(OWNER, "FACILITY", facility, 10, 12));

        RegistryStub.facilityRule(facility, "bufferMinutes", 60);
        registryCacheExpires();

        // The earlier booking blocks 10-12; a new one needs an hour on either side of it.
        assertFree("FACILITY", facility, "00-09", "13-24");
        List<Group> groups = List.of(
                Group.refused("an hour after it, which the old buffer allowed", 8, 409, "booking-conflict",
                        body("FACILITY", facility, 12, 13)),
                Group.refused("an hour before it, which the old buffer allowed", 8, 409, "booking-conflict",
                        body("FACILITY", facility, 9, 10)),
                Group.oneWins("an hour clear of it", 8, body("FACILITY", facility, 13, 14)));
        String after = race(groups).get(2);

        assertEquals("[0, 2027-02-01 09:00Z, 2027-02-01 11:00Z)", buffer(before),
                "the earlier booking keeps the buffer it was made with");
        assertEquals("[60, 2027-02-01 11:00Z, 2027-02-01 14:00Z)", buffer(after), "a new booking takes the new one");
        BookingGuarantee.assertHolds(dataSource);
    }

    @Test
    void bufferDecreasedStillKeepsEarlierBookingsPadded() throws Exception {
        UUID facility = RegistryStub.facility().rule("bufferMinutes", 60).register();
        String before = created(book(OWNER, "FACILITY", facility, 10, 12));

        RegistryStub.facilityRule(facility, "bufferMinutes", 0);
        registryCacheExpires();

        // The earlier booking still blocks 09-13 with its own buffer; new ones may now touch that.
        assertFree("FACILITY", facility, "00-09", "13-24");
        List<Group> groups = List.of(
                Group.refused("inside the earlier booking's own buffer", 8, 409, "booking-conflict",
                        body("FACILITY", facility, 12, 13)),
                Group.oneWins("right after the earlier booking's buffer", 8, body("FACILITY", facility, 13, 14)),
                Group.oneWins("right before it, which the old buffer refused", 8, body("FACILITY", facility, 8, 9)));
        List<String> winners = race(groups);

        assertEquals("[60, 2027-02-01 08:00Z, 2027-02-01 12:00Z)", buffer(before));
        assertEquals("[0, 2027-02-01 12:00Z, 2027-02-01 13:00Z)", buffer(winners.get(1)));
        assertEquals("[0, 2027-02-01 07:00Z, 2027-02-01 08:00Z)", buffer(winners.get(2)));
        BookingGuarantee.assertHolds(dataSource);
    }

    @Test
    void retiredOrUnbookableItemTakesNoNewBookingsAndKeepsItsOldOnes() throws Exception {
        UUID facility = RegistryStub.facility().centre("digicat").register();
        UUID retired = RegistryStub.equipment(facility, "Printer A", true);
        UUID unbookable = RegistryStub.equipment(facility, "Printer B", true);
        String onRetired = created(book(OWNER, "EQUIPMENT", retired, 10, 12));
        String onUnbookable = created(book(OWNER, "EQUIPMENT", unbookable, 13, 14));

        RegistryStub.changeEquipment(retired, e -> e.put("active", false));
        RegistryStub.changeEquipment(unbookable, e -> e.put("bookable", false));

        List<Group> groups = List.of(
                Group.refused("the retired item", 6, 422, "resource-inactive", body("EQUIPMENT", retired, 15, 16)),
                Group.refused("the unbookable item", 6, 422, "resource-not-bookable", body("EQUIPMENT", unbookable, 15, 16)),
                Group.refused("the facility, where the retired item's booking is", 6, 409, "booking-conflict",
                        body("FACILITY", facility, 10, 11)),
                Group.oneWins("the facility, clear of both", 6, body("FACILITY", facility, 16, 17)));
        String whole = race(groups).get(3);

        assertEquals(List.of(unbookable), claimedItems(whole), "a retired item is not claimed; an unbookable one is");
        registryCacheExpires();
        assertFree("EQUIPMENT", retired);
        assertFree("EQUIPMENT", unbookable);
        assertStillActiveAndCancellableByItsCentre(onRetired, DIGICAT);
        assertStillActiveAndCancellableByItsCentre(onUnbookable, DIGICAT);
        BookingGuarantee.assertHolds(dataSource);
    }

    @Test
    void retiredOrUnbookableFacilityTakesNoNewBookingsAndKeepsItsOldOnes() throws Exception {
        UUID retired = RegistryStub.facility().centre("digicat").register();
        UUID itemOfRetired = RegistryStub.equipment(retired, "Sveiserobot", true);
        UUID unbookable = RegistryStub.facility().centre("ocean-innovation").register();
        String onRetired = created(book(OWNER, "FACILITY", retired, 10, 12));
        String onItemOfRetired = created(book(OWNER, "EQUIPMENT", itemOfRetired, 13, 14));
        String onUnbookable = created(book(OWNER, "FACILITY", unbookable, 10, 12));

        RegistryStub.changeFacility(retired, f -> f.put("active", false));
        RegistryStub.changeFacility(unbookable, f -> f.put("bookable", false));

        List<Group> groups = List.of(
                Group.refused("the retired facility", 8, 422, "resource-inactive", body("FACILITY", retired, 15, 16)),
                Group.refused("an item of the retired facility", 8, 422, "resource-inactive",
                        body("EQUIPMENT", itemOfRetired, 15, 16)),
                Group.refused("the unbookable facility", 8, 422, "resource-not-bookable", body("FACILITY", unbookable, 15, 16)));
        race(groups);

        registryCacheExpires();
        assertFree("FACILITY", retired);
        assertFree("EQUIPMENT", itemOfRetired);
        assertFree("FACILITY", unbookable);
        assertStillActiveAndCancellableByItsCentre(onRetired, DIGICAT);
        assertStillActiveAndCancellableByItsCentre(onItemOfRetired, DIGICAT);
        assertStillActiveAndCancellableByItsCentre(onUnbookable, OCEAN);
        BookingGuarantee.assertHolds(dataSource);
    }

    // ---- the race ----

    /** Requests that compete for one thing, and how many of them may win; the others get this problem. */
    record Group(String what, List<String> bodies, int winners, int refusedStatus, String refusedType) {

        static Group refused(String what, int requests, int status, String type, String body) {
            return new Group(what, Collections.nCopies(requests, body), 0, status, type);
        }

        static Group oneWins(String what, int requests, String body) {
            return new Group(what, Collections.nCopies(requests, body), 1, 409, "booking-conflict");
        }

        static Group oneWins(String what, int requests, String body, int otherRequests, String otherBody) {
            List<String> bodies = new ArrayList<>(Collections.nCopies(requests, body));
            bodies.addAll(Collections.nCopies(otherRequests, otherBody));
            return new Group(what, bodies, 1, 409, "booking-conflict");
        }
    }

    /**
     * Fires every group's requests at once, shuffled, each from its own organisation. Returns the id of each
     * group's winner (null for a group without one) after checking that no answer is a 5xx, that each group
     * has exactly its winners, and that every other request got the group's problem.
     */
    private List<String> race(List<Group> groups) throws Exception {
        List<Call> calls = new ArrayList<>();
        List<Integer> groupOf = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String body : groups.get(g).bodies()) {
                calls.add(new Call(TestTokens.user("racer", "sme").orgNo(TestOrgNumbers.fresh()).sign(), body));
                groupOf.add(g);
            }
        }
        assertTrue(calls.size() >= 20, "at least 20 concurrent requests");
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order);
        List<Answer> shuffled = Concurrent.post(bookings, order.stream().map(calls::get).toList());
        Answer[] answers = new Answer[calls.size()];
        for (int i = 0; i < order.size(); i++) {
            answers[order.get(i)] = shuffled.get(i);
        }

        List<Answer> all = Arrays.asList(answers);
        assertTrue(all.stream().noneMatch(a -> a.status() >= 500), () -> "no 5xx; got " + summary(all));
        List<String> winners = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            List<Answer> mine = new ArrayList<>();
            for (int i = 0; i < answers.length; i++) {
                if (groupOf.get(i) == g) {
                    mine.add(answers[i]);
                }
            }
            List<Answer> won = mine.stream().filter(a -> a.status() == 201).toList();
            assertEquals(group.winners(), won.size(), () -> group.what() + ": winners; got " + summary(mine));
            for (Answer a : mine) {
                if (a.status() != 201) {
                    String type = JsonPath.from(a.body()).getString("type");
                    if (a.status() != group.refusedStatus() || !("urn:katapult:problem:" + group.refusedType()).equals(type)) {
                        fail(group.what() + ": expected " + group.refusedStatus() + " " + group.refusedType() + "; got "
                                + a.status() + " " + a.body());
                    }
                }
            }
            winners.add(won.isEmpty() ? null : JsonPath.from(won.get(0).body()).getString("id"));
        }
        return winners;
    }

    private static String summary(List<Answer> answers) {
        StringBuilder sb = new StringBuilder(answers.stream().map(Answer::status).toList().toString());
        answers.stream().filter(a -> a.status() != 409).forEach(a -> sb.append('\n').append(a.status()).append(' ').append(a.body()));
        return sb.toString();
    }

    // ---- helpers ----

    static String body(String type, UUID resource, int fromHour, int toHour) {
        return Api.body(type, resource, at(fromHour), at(toHour));
    }

    static Response book(String token, String type, UUID resource, int fromHour, int toHour) {
        return Api.book(token, type, resource, at(fromHour), at(toHour));
    }

    /** The hour on the race day, in Oslo (UTC+1 in February). */
    static String at(int hour) {
        return hour == 24 ? "2027-02-02T00:00:00+01:00" : String.format("%sT%02d:00:00+01:00", DAY, hour);
    }

    static String created(Response r) {
        return r.then().statusCode(201).extract().path("id");
    }

    /** The public availability on the race day: exactly these free hours, "HH-HH" each. */
    static void assertFree(String type, UUID resource, String... hours) {
        Response r = Api.availability(type, resource, at(0), at(24));
        r.then().statusCode(200);
        List<String> free = new ArrayList<>();
        List<String> starts = r.jsonPath().getList("intervals.start");
        List<String> ends = r.jsonPath().getList("intervals.end");
        for (int i = 0; i < starts.size(); i++) {
            free.add(hour(starts.get(i)) + "-" + (ends.get(i).startsWith(DAY) ? hour(ends.get(i)) : "24"));
        }
        assertEquals(List.of(hours), free, type + " " + resource + " free on " + DAY);
    }

    private static String hour(String timestamp) {
        return timestamp.substring(11, 13);
    }

    /** What a cached registry answer would show at the latest once the cache has expired. */
    void registryCacheExpires() {
        registry.expireCache();
    }

    private void assertStillActiveAndCancellableByItsCentre(String id, String operatorToken) {
        given().auth().oauth2(OWNER).get("/api/v1/bookings/" + id).then().statusCode(200)
                .body("status", equalTo("CONFIRMED"));
        Api.cancel(operatorToken, id, "Utstyret er tatt ut av drift").then().statusCode(200)
                .body("status", equalTo("CANCELLED"));
    }

    private List<UUID> claimedItems(String bookingId) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return Sql.column(c, UUID.class, "SELECT item FROM booking, unnest(claimed_items) AS item WHERE id = ?",
                    UUID.fromString(bookingId));
        }
    }

    /** "[buffer, blocked from, blocked to)" of a booking, in UTC. */
    private String buffer(String bookingId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT buffer_minutes, "
                     + "to_char(lower(period) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), "
                     + "to_char(upper(period) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') FROM booking WHERE id = ?")) {
            q.setObject(1, UUID.fromString(bookingId));
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return "[" + rs.getInt(1) + ", " + rs.getString(2) + "Z, " + rs.getString(3) + "Z)";
            }
        }
    }
}

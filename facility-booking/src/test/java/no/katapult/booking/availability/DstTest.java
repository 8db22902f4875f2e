package no.katapult.booking.availability;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Europe/Oslo changes clocks on 2027-03-28 (02:00 -> 03:00, a 23-hour day) and 2027-10-31
 * (03:00 -> 02:00, a 25-hour day). Availability and bookings must neither lose nor double an hour.
 */
@QuarkusTest
class DstTest extends AtMondayMorning {

    static final String ORG = TestOrgNumbers.fresh();
    static final String TOKEN = TestTokens.user("sme-dst", "sme").orgNo(ORG).sign();

    @Test
    void springForwardDayHasTwentyThreeHours() {
        clock.set("2027-03-01T12:00:00Z");
        String centre = "dst-" + UUID.randomUUID().toString().substring(0, 8);
        UUID facility = RegistryStub.facility().centre(centre).prices("1000.00", "400.00").register();

        Response day = Api.availability("FACILITY", facility, "2027-03-28T00:00:00+01:00", "2027-03-29T00:00:00+02:00");
        day.then().body("from", equalTo("2027-03-28T00:00:00+01:00")).body("to", equalTo("2027-03-29T00:00:00+02:00"));
        assertFreeOnly(day, "2027-03-28T00:00:00+01:00", "2027-03-29T00:00:00+02:00", 23);

        // 01:00 to 04:00 on the wall clock is two real hours, and is charged as two.
        book(TOKEN, "FACILITY", facility, "2027-03-28T01:00:00+01:00", "2027-03-28T04:00:00+02:00").then().statusCode(201)
                .body("start", equalTo("2027-03-28T01:00:00+01:00"))
                .body("end", equalTo("2027-03-28T04:00:00+02:00"))
                .body("price.total.amount", equalTo(800.0f))
                .body("price.standardTotal.amount", equalTo(2000.0f));

        Response after = Api.availability("FACILITY", facility, "2027-03-28T00:00:00+01:00", "2027-03-29T00:00:00+02:00");
        assertFreeBut(after, "2027-03-28T01:00:00+01:00", "2027-03-28T04:00:00+02:00", 21);

        // Across the whole week the change removes exactly one hour: 7 * 24 - 1 - the 2 booked.
        Response week = Api.availability("FACILITY", facility, "2027-03-22T00:00:00+01:00", "2027-03-29T00:00:00+02:00");
        assertEquals(Duration.ofHours(7 * 24 - 1 - 2), free(week));

        // The whole local day is one 23-hour booking.
        UUID other = RegistryStub.facility().centre(centre).prices("1000.00", "400.00").register();
        assertCharged(other, "2027-03-28T00:00:00+01:00", "2027-03-29T00:00:00+02:00", 9200.0f);

        given().auth().oauth2(TestTokens.admin()).queryParam("from", "2027-03-28").queryParam("to", "2027-03-28")
                .get("/api/v1/bookings/usage").then().statusCode(200)
                .body("centres.find { it.centreCode == '" + centre + "' }.hoursBooked", equalTo(25.0f));
    }

    @Test
    void fallBackDayHasTwentyFiveHoursAndTheRepeatedHourIsBookedOnce() {
        clock.set("2027-10-01T12:00:00Z");
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").register();

        Response day = Api.availability("FACILITY", facility, "2027-10-31T00:00:00+02:00", "2027-11-01T00:00:00+01:00");
        assertFreeOnly(day, "2027-10-31T00:00:00+02:00", "2027-11-01T00:00:00+01:00", 25);

        // 02:00-03:00 happens twice. Each occurrence is its own hour: both can be booked, back to back.
        assertCharged(facility, "2027-10-31T02:00:00+02:00", "2027-10-31T02:00:00+01:00", 400.0f);
        assertCharged(facility, "2027-10-31T02:00:00+01:00", "2027-10-31T03:00:00+01:00", 400.0f);
        assertProblem(book(TOKEN, "FACILITY", facility, "2027-10-31T01:00:00+02:00", "2027-10-31T03:00:00+02:00"),
                409, "booking-conflict");

        Response after = Api.availability("FACILITY", facility, "2027-10-31T00:00:00+02:00", "2027-11-01T00:00:00+01:00");
        assertFreeBut(after, "2027-10-31T02:00:00+02:00", "2027-10-31T03:00:00+01:00", 23);

        // 01:00 to 04:00 on the wall clock is four real hours.
        UUID other = RegistryStub.facility().prices("1000.00", "400.00").register();
        assertCharged(other, "2027-10-31T01:00:00+02:00", "2027-10-31T04:00:00+01:00", 1600.0f);
    }

    @Test
    void openingHoursOnChangeDaysKeepTheirRealLength() {
        clock.set("2027-03-01T12:00:00Z");
        UUID facility = RegistryStub.facility().open(Map.of("SUNDAY", "01:00-05:00")).prices("1000.00", "400.00").register();

        Response spring = Api.availability("FACILITY", facility, "2027-03-28T00:00:00+01:00", "2027-03-29T00:00:00+02:00");
        assertFreeOnly(spring, "2027-03-28T01:00:00+01:00", "2027-03-28T05:00:00+02:00", 3);
        Response autumn = Api.availability("FACILITY", facility, "2027-10-31T00:00:00+02:00", "2027-11-01T00:00:00+01:00");
        assertFreeOnly(autumn, "2027-10-31T01:00:00+02:00", "2027-10-31T05:00:00+01:00", 5);

        // The slot grid counts real hours from opening: 03:00 is one hour after 01:00 on this day.
        assertCharged(facility, "2027-03-28T03:00:00+02:00", "2027-03-28T05:00:00+02:00", 800.0f);
        assertCharged(facility, "2027-10-31T01:00:00+02:00", "2027-10-31T05:00:00+01:00", 2000.0f);
        assertProblem(book(TOKEN, "FACILITY", facility, "2027-03-28T00:00:00+01:00", "2027-03-28T01:00:00+01:00"),
                422, "outside-opening-hours");
    }

    @Test
    void availabilityWindowIsAtMostThirtyOneDays() {
        UUID facility = RegistryStub.facility().register();
        assertProblem(Api.availability("FACILITY", facility, "2027-03-01T00:00:00+01:00", "2027-04-02T00:00:00+02:00"),
                400, "validation").then().body("errors[0].field", equalTo("to"));
        Api.availability("FACILITY", facility, "2027-03-01T00:00:00+01:00", "2027-04-01T00:00:00+02:00").then().statusCode(200);
        assertProblem(Api.availability("FACILITY", UUID.randomUUID(), "2027-03-01T00:00:00+01:00", "2027-03-02T00:00:00+01:00"), 404);
    }

    @Test
    void availabilityRespectsLeadTimeHorizonClosuresAndBuffers() {
        clock.set("2027-03-01T08:20:00Z");
        UUID facility = RegistryStub.facility().open(Map.of("MONDAY", "08:00-16:00", "TUESDAY", "08:00-16:00",
                        "WEDNESDAY", "08:00-16:00"))
                .rule("leadTimeHours", 24).rule("horizonDays", 2).rule("bufferMinutes", 30)
                .closed("2027-03-02", "2027-03-02", "Påskeforberedelser").register();
        // Now is Monday 09:20; lead time pushes to Tuesday 09:20 (closed); bookings must start by Wednesday 09:20,
        // so Wednesday's opening is the only free interval (whole: a booking starting at 09:00 may run to 16:00).
        assertFreeOnly(Api.availability("FACILITY", facility, "2027-03-01T00:00:00+01:00", "2027-03-08T00:00:00+01:00"),
                "2027-03-03T08:00:00+01:00", "2027-03-03T16:00:00+01:00", 8);
        book(TOKEN, "FACILITY", facility, "2027-03-03T09:00:00+01:00", "2027-03-03T16:00:00+01:00").then().statusCode(201);
        assertProblem(book(TOKEN, "FACILITY", facility, "2027-03-03T10:00:00+01:00", "2027-03-03T11:00:00+01:00"),
                422, "beyond-horizon");

        clock.set("2027-03-01T06:00:00Z");
        UUID open = RegistryStub.facility().open(Map.of("MONDAY", "08:00-16:00")).rule("bufferMinutes", 30).register();
        book(TOKEN, "FACILITY", open, "2027-03-08T11:00:00+01:00", "2027-03-08T12:00:00+01:00").then().statusCode(201);
        // Blocked 10:30-12:30; a new booking needs its own 30 minutes too, so 10:00-13:00 is taken.
        Api.availability("FACILITY", open, "2027-03-08T00:00:00+01:00", "2027-03-09T00:00:00+01:00").then().statusCode(200)
                .body("intervals.size()", equalTo(2))
                .body("intervals[0].start", equalTo("2027-03-08T08:00:00+01:00"))
                .body("intervals[0].end", equalTo("2027-03-08T10:00:00+01:00"))
                .body("intervals[1].start", equalTo("2027-03-08T13:00:00+01:00"))
                .body("intervals[1].end", equalTo("2027-03-08T16:00:00+01:00"));
        book(TOKEN, "FACILITY", open, "2027-03-08T09:00:00+01:00", "2027-03-08T10:00:00+01:00").then().statusCode(201);
        book(TOKEN, "FACILITY", open, "2027-03-08T13:00:00+01:00", "2027-03-08T14:00:00+01:00").then().statusCode(201);
    }

    /** Books the facility for [start, end) and checks what the SME is charged for it. */
    private static void assertCharged(UUID facility, String start, String end, float total) {
        book(TOKEN, "FACILITY", facility, start, end).then().statusCode(201).body("price.total.amount", equalTo(total));
    }

    /** The availability is one free interval, from start to end, that lasts this many real hours. */
    private static void assertFreeOnly(Response availability, String start, String end, int hours) {
        assertFree(availability, 1, hours)
                .body("intervals[0].start", equalTo(start))
                .body("intervals[0].end", equalTo(end));
    }

    /** The availability is free but for one gap, from gapStart to gapEnd (what a booking took), for this many real hours. */
    private static void assertFreeBut(Response availability, String gapStart, String gapEnd, int hours) {
        assertFree(availability, 2, hours)
                .body("intervals[0].end", equalTo(gapStart))
                .body("intervals[1].start", equalTo(gapEnd));
    }

    /** The availability answered this many free intervals, of this many real hours in all. */
    private static ValidatableResponse assertFree(Response availability, int intervals, int hours) {
        ValidatableResponse answer = availability.then().statusCode(200).body("intervals.size()", equalTo(intervals));
        assertEquals(Duration.ofHours(hours), free(availability));
        return answer;
    }

    private static Duration free(Response availability) {
        List<Map<String, String>> intervals = availability.jsonPath().getList("intervals");
        Duration total = Duration.ZERO;
        for (Map<String, String> i : intervals) {
            total = total.plus(Duration.between(OffsetDateTime.parse(i.get("start")), OffsetDateTime.parse(i.get("end"))));
        }
        return total;
    }
}

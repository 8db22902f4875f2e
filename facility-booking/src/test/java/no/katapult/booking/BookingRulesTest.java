package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The booking-time rules of issue 5: each broken rule is a 422 that names it. Now is Monday 2027-01-04 09:00 in Oslo. */
@QuarkusTest
class BookingRulesTest extends AtMondayMorning {

    static final String ORG = TestOrgNumbers.fresh();
    static final String TOKEN = TestTokens.user("sme-rules", "sme").orgNo(ORG).sign();

    @Test
    void smeBooksAtTheSmePriceAndTheDifferenceIsAid() {
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").register();
        Response created = book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T13:00:00+01:00");
        created.then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("status", equalTo("CONFIRMED"))
                .body("resourceType", equalTo("FACILITY"))
                .body("resourceId", equalTo(facility.toString()))
                .body("facilityId", equalTo(facility.toString()))
                .body("centreCode", equalTo("digicat"))
                .body("orgNo", equalTo(ORG))
                .body("bookedBy", equalTo("sme-rules"))
                .body("start", equalTo("2027-01-11T10:00:00+01:00"))
                .body("end", equalTo("2027-01-11T13:00:00+01:00"))
                .body("purpose", equalTo("Prototype test"))
                .body("lateCancellation", equalTo(false))
                .body("price.basis", equalTo("SME"))
                .body("price.hourly.amount", equalTo(400.0f))
                .body("price.hourly.currency", equalTo("NOK"))
                .body("price.total.amount", equalTo(1200.0f))
                .body("price.standardTotal.amount", equalTo(3000.0f))
                .body("price.aidAmount.amount", equalTo(1800.0f))
                .body("version", equalTo(0))
                .body("createdAt", notNullValue());
        String location = created.header("Location");
        assertEquals("/api/v1/bookings/" + created.jsonPath().getString("id"), location);
        given().auth().oauth2(TOKEN).get(location).then().statusCode(200).header("ETag", "\"0\"")
                .body("id", equalTo(created.jsonPath().getString("id")));
    }

    @Test
    void largeEnterprisePaysTheStandardPriceWithoutAid() {
        String large = TestOrgNumbers.fresh();
        RegistryStub.organisation(large, "LARGE");
        UUID facility = RegistryStub.facility().prices("1000.00", "400.00").register();
        book(TestTokens.sme("big-corp", large), "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201)
                .body("price.basis", equalTo("STANDARD"))
                .body("price.hourly.amount", equalTo(1000.0f))
                .body("price.total.amount", equalTo(2000.0f))
                .body("price.aidAmount.amount", equalTo(0.0f));
    }

    @Test
    void organisationWithoutSmeDeclarationIsAskedForOne() {
        String undeclared = TestOrgNumbers.fresh();
        RegistryStub.organisation(undeclared, null);
        String unknown = TestOrgNumbers.fresh();
        RegistryStub.organisationUnknown(unknown);
        UUID facility = RegistryStub.facility().register();
        for (String org : new String[]{undeclared, unknown}) {
            Response r = book(TestTokens.sme("someone", org), "FACILITY", facility,
                    "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00");
            assertProblem(r, 422, "sme-declaration-missing");
            r.then().body("detail", containsString("/api/v1/organisations/" + org));
        }
    }

    @Test
    void facilityThatNeedsApprovalStartsRequested() {
        UUID facility = RegistryStub.facility().rule("requiresApproval", true).register();
        book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).body("status", equalTo("REQUESTED"));
    }

    /** Open Monday and Wednesday 08:00-16:00 in Oslo, and closed on Wednesday 2027-01-13. */
    static UUID openMondayAndWednesdayClosedOnThe13th() {
        return RegistryStub.facility().open(Map.of("MONDAY", "08:00-16:00", "WEDNESDAY", "08:00-16:00"))
                .closed("2027-01-13", "2027-01-13", "Vedlikehold").register();
    }

    /** Two hours to four, whole hours from opening at 08:30, booked two days to a month ahead. */
    static UUID withDurationGranularityLeadTimeAndHorizon() {
        return RegistryStub.facility().open(Map.of("MONDAY", "08:30-16:30", "TUESDAY", "08:30-16:30"))
                .rule("minDurationMinutes", 120).rule("maxDurationMinutes", 240).rule("slotGranularityMinutes", 60)
                .rule("leadTimeHours", 48).rule("horizonDays", 30).register();
    }

    @ParameterizedTest(name = "{2}: {0} to {1}")
    @CsvSource({
            "2027-01-11T15:00:00+01:00, 2027-01-11T17:00:00+01:00, outside-opening-hours, openingHours",
            "2027-01-11T07:00:00+01:00, 2027-01-11T09:00:00+01:00, outside-opening-hours, openingHours",
            "2027-01-12T10:00:00+01:00, 2027-01-12T11:00:00+01:00, outside-opening-hours, openingHours",
            "2027-01-13T10:00:00+01:00, 2027-01-13T11:00:00+01:00, facility-closed,       closures"})
    void bookingOutsideOpeningHoursOrOnAClosureIsRefused(String start, String end, String slug, String rule) {
        assertRule(book(TOKEN, "FACILITY", openMondayAndWednesdayClosedOnThe13th(), start, end), slug, rule);
    }

    @Test
    void openingHoursAreLocalOsloTime() {
        UUID facility = openMondayAndWednesdayClosedOnThe13th();
        // 07:00Z is 08:00 in Oslo: the first hour of the day, written in UTC.
        book(TOKEN, "FACILITY", facility, "2027-01-11T07:00:00Z", "2027-01-11T08:00:00Z").then().statusCode(201)
                .body("start", equalTo("2027-01-11T08:00:00+01:00"));
        book(TOKEN, "FACILITY", facility, "2027-01-11T15:00:00+01:00", "2027-01-11T16:00:00+01:00").then().statusCode(201);
    }

    @ParameterizedTest(name = "{2}: {0} to {1}")
    @CsvSource({
            "2027-01-11T08:30:00+01:00, 2027-01-11T09:30:00+01:00, duration-too-short, minDurationMinutes",
            "2027-01-11T08:30:00+01:00, 2027-01-11T13:30:00+01:00, duration-too-long,  maxDurationMinutes",
            "2027-01-11T09:00:00+01:00, 2027-01-11T11:00:00+01:00, slot-misaligned,    slotGranularityMinutes",
            "2027-01-11T08:30:00+01:00, 2027-01-11T10:45:00+01:00, slot-misaligned,    slotGranularityMinutes",
            "2027-01-05T08:30:00+01:00, 2027-01-05T10:30:00+01:00, lead-time,          leadTimeHours",
            "2027-02-08T08:30:00+01:00, 2027-02-08T10:30:00+01:00, beyond-horizon,     horizonDays"})
    void bookingAgainstTheDurationGranularityLeadTimeOrHorizonIsRefused(String start, String end, String slug,
                                                                       String rule) {
        assertRule(book(TOKEN, "FACILITY", withDurationGranularityLeadTimeAndHorizon(), start, end), slug, rule);
    }

    @Test
    void theSlotGridStartsAtOpeningTimeNotOnTheHour() {
        book(TOKEN, "FACILITY", withDurationGranularityLeadTimeAndHorizon(), "2027-01-11T08:30:00+01:00",
                "2027-01-11T10:30:00+01:00").then().statusCode(201);
    }

    @Test
    void resourceMustExistBeBookableAndActive() {
        assertProblem(book(TOKEN, "FACILITY", UUID.randomUUID(), "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"),
                422, "unknown-resource");
        assertProblem(book(TOKEN, "EQUIPMENT", UUID.randomUUID(), "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"),
                422, "unknown-resource");
        assertRule(book(TOKEN, "FACILITY", RegistryStub.facility().bookable(false).register(),
                "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"), "resource-not-bookable", "bookable");
        assertRule(book(TOKEN, "FACILITY", RegistryStub.facility().active(false).register(),
                "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"), "resource-inactive", "active");
        UUID facility = RegistryStub.facility().register();
        UUID printer = RegistryStub.equipment(facility, "3D-printer", false);
        assertRule(book(TOKEN, "EQUIPMENT", printer, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00"),
                "resource-not-bookable", "bookable");
    }

    @Test
    void endMustFollowStart() {
        assertProblem(book(TOKEN, "FACILITY", UUID.randomUUID(), "2027-01-11T12:00:00+01:00", "2027-01-11T12:00:00+01:00"),
                400, "validation").then().body("errors[0].field", equalTo("end"));
    }

    @Test
    void equipmentUsesItsFacilityPricesAndCentreLookedUpById() {
        UUID facility = RegistryStub.facility().centre("ocean-innovation").centreOnlyById().prices("800.00", "300.00").register();
        UUID printer = RegistryStub.equipment(facility, "3D-printer", true);
        book(TOKEN, "EQUIPMENT", printer, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201)
                .body("resourceType", equalTo("EQUIPMENT"))
                .body("resourceId", equalTo(printer.toString()))
                .body("facilityId", equalTo(facility.toString()))
                .body("centreCode", equalTo("ocean-innovation"))
                .body("price.hourly.amount", equalTo(300.0f))
                .body("price.aidAmount.amount", equalTo(1000.0f));
    }

    @Test
    void bufferPadsEachBookingAndConflictNamesThePeriod() {
        UUID facility = RegistryStub.facility().rule("bufferMinutes", 30).register();
        book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00").then().statusCode(201);
        // Its teardown (12:00-12:30) and the next booking's setup (12:00-12:30 before 13:00) need a gap of one hour.
        Response conflict = book(TOKEN, "FACILITY", facility, "2027-01-11T12:00:00+01:00", "2027-01-11T13:00:00+01:00");
        assertProblem(conflict, 409, "booking-conflict");
        conflict.then()
                .body("conflictingPeriod.start", equalTo("2027-01-11T10:00:00+01:00"))
                .body("conflictingPeriod.end", equalTo("2027-01-11T12:00:00+01:00"))
                .body("blockedPeriod.start", equalTo("2027-01-11T09:30:00+01:00"))
                .body("blockedPeriod.end", equalTo("2027-01-11T12:30:00+01:00"));
        book(TOKEN, "FACILITY", facility, "2027-01-11T13:00:00+01:00", "2027-01-11T14:00:00+01:00").then().statusCode(201);
    }

    @Test
    void backToBackBookingsAndDifferentItemsDoNotConflict() {
        UUID facility = RegistryStub.facility().register();
        UUID a = RegistryStub.equipment(facility, "Printer A", true);
        UUID b = RegistryStub.equipment(facility, "Printer B", true);
        book(TOKEN, "EQUIPMENT", a, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00").then().statusCode(201);
        book(TOKEN, "EQUIPMENT", a, "2027-01-11T12:00:00+01:00", "2027-01-11T13:00:00+01:00").then().statusCode(201);
        book(TOKEN, "EQUIPMENT", b, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00").then().statusCode(201);
        assertProblem(book(TOKEN, "EQUIPMENT", a, "2027-01-11T11:00:00+01:00", "2027-01-11T12:00:00+01:00"), 409, "booking-conflict");
        assertProblem(book(TOKEN, "FACILITY", facility, "2027-01-11T12:00:00+01:00", "2027-01-11T14:00:00+01:00"),
                409, "booking-conflict").then().body("conflictingPeriod.start", equalTo("2027-01-11T12:00:00+01:00"));
        book(TOKEN, "FACILITY", facility, "2027-01-11T13:00:00+01:00", "2027-01-11T14:00:00+01:00").then().statusCode(201);
        assertProblem(book(TOKEN, "EQUIPMENT", b, "2027-01-11T13:00:00+01:00", "2027-01-11T15:00:00+01:00"), 409, "booking-conflict");
    }

    @Test
    void idempotencyKeyReplaysTheFirstAnswer() {
        UUID facility = RegistryStub.facility().register();
        String body = Api.body("FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00");
        String key = "key-" + UUID.randomUUID();
        Response first = given().auth().oauth2(TOKEN).contentType("application/json").header("Idempotency-Key", key)
                .body(body).post("/api/v1/bookings").andReturn();
        first.then().statusCode(201);
        // Same request written differently (whitespace, UTC offset): still the same request.
        Response second = given().auth().oauth2(TOKEN).contentType("application/json").header("Idempotency-Key", key)
                .body(Api.body("FACILITY", facility, "2027-01-11T09:00:00Z", "2027-01-11T11:00:00Z").replace(",", ", "))
                .post("/api/v1/bookings").andReturn();
        second.then().statusCode(201).header("Location", first.header("Location")).header("ETag", "\"0\"")
                .body("id", equalTo(first.jsonPath().getString("id")));
        given().auth().oauth2(TOKEN).get("/api/v1/bookings?resourceId=" + facility).then().statusCode(200)
                .body("total", equalTo(1));
        Response other = given().auth().oauth2(TOKEN).contentType("application/json").header("Idempotency-Key", key)
                .body(Api.body("FACILITY", facility, "2027-01-11T13:00:00+01:00", "2027-01-11T14:00:00+01:00"))
                .post("/api/v1/bookings").andReturn();
        assertProblem(other, 422, "idempotency-key-reused");
    }

    @Test
    void visibilityFollowsTheClaims() {
        UUID facility = RegistryStub.facility().centre("future-materials").register();
        String id = book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String otherSme = TestTokens.sme("sme-other", TestOrgNumbers.fresh());
        String operator = TestTokens.operator("operator-fm", "future-materials");
        String otherOperator = TestTokens.operator("operator-x", "digicat");
        assertProblem(given().auth().oauth2(otherSme).get("/api/v1/bookings/" + id).andReturn(), 404);
        assertProblem(given().auth().oauth2(otherOperator).get("/api/v1/bookings/" + id).andReturn(), 404);
        given().auth().oauth2(operator).get("/api/v1/bookings/" + id).then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/bookings/" + id).then().statusCode(200);
        given().auth().oauth2(otherSme).get("/api/v1/bookings").then().statusCode(200).body("items.id", not(hasItem(id)));
        given().auth().oauth2(operator).get("/api/v1/bookings?centreCode=future-materials&status=CONFIRMED&size=100")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(otherOperator).get("/api/v1/bookings?resourceId=" + facility)
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TOKEN).queryParam("from", "2027-01-11T11:00:00+01:00").queryParam("to", "2027-01-11T11:30:00+01:00")
                .get("/api/v1/bookings")
                .then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(TOKEN).queryParam("from", "2027-01-11T12:00:00+01:00").queryParam("resourceId", facility.toString())
                .get("/api/v1/bookings")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void confirmAndRejectAreForTheCentreOnlyFromRequested() {
        UUID facility = RegistryStub.facility().centre("sustainable-energy").rule("requiresApproval", true).register();
        String first = book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String second = book(TOKEN, "FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String operator = TestTokens.operator("operator-se", "sustainable-energy");
        assertProblem(given().auth().oauth2(TOKEN).post("/api/v1/bookings/" + first + "/confirm").andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.operator("operator-x", "digicat"))
                .post("/api/v1/bookings/" + first + "/confirm").andReturn(), 404);
        assertProblem(given().auth().oauth2(operator).header("If-Match", "\"7\"")
                .post("/api/v1/bookings/" + first + "/confirm").andReturn(), 412);
        given().auth().oauth2(operator).header("If-Match", "\"0\"").post("/api/v1/bookings/" + first + "/confirm")
                .then().statusCode(200).header("ETag", "\"1\"").body("status", equalTo("CONFIRMED")).body("version", equalTo(1));
        assertProblem(given().auth().oauth2(operator).post("/api/v1/bookings/" + first + "/confirm").andReturn(),
                409, "illegal-transition").then().body("allowedActions", hasItem("cancel"));
        assertProblem(given().auth().oauth2(operator).contentType("application/json").body("{}")
                .post("/api/v1/bookings/" + second + "/reject").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(TestTokens.admin()).contentType("application/json").body("{\"reason\":\"Opptatt\"}")
                .post("/api/v1/bookings/" + second + "/reject")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("statusReason", equalTo("Opptatt"));
        // A rejected booking no longer holds its slot.
        book(TOKEN, "FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T12:00:00+01:00").then().statusCode(201);
    }

    @Test
    void cancellationRulesAndLateCancellation() {
        UUID facility = RegistryStub.facility().centre("manufacturing-technology")
                .rule("freeCancellationNoticeHours", 48).register();
        String early = book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String soon = book(TOKEN, "FACILITY", facility, "2027-01-05T10:00:00+01:00", "2027-01-05T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String running = book(TOKEN, "FACILITY", facility, "2027-01-04T09:00:00+01:00", "2027-01-04T11:00:00+01:00")
                .then().statusCode(201).extract().path("id");

        Api.cancel(TOKEN, early, "Prototypen er forsinket").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("lateCancellation", equalTo(false))
                .body("statusReason", equalTo("Prototypen er forsinket"));
        Api.cancel(TOKEN, soon, "Syk").then().statusCode(200).body("lateCancellation", equalTo(true));
        assertProblem(Api.cancel(TOKEN, soon, "Again"), 409, "illegal-transition");

        // It started at 09:00 Oslo and now is 09:00: too late for the SME, not for the centre.
        assertProblem(Api.cancel(TOKEN, running, "Too late"), 422, "cancellation-too-late");
        String operator = TestTokens.operator("operator-mt", "manufacturing-technology");
        given().auth().oauth2(operator).header("If-Match", "\"0\"").contentType("application/json")
                .body("{\"reason\":\"Strømbrudd\"}").post("/api/v1/bookings/" + running + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED")).body("lateCancellation", equalTo(true));

        // The cancelled slot is free again.
        book(TOKEN, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T12:00:00+01:00").then().statusCode(201);
    }

    static void assertRule(Response r, String slug, String rule) {
        assertProblem(r, 422, slug);
        r.then().body("rule", equalTo(rule));
    }
}

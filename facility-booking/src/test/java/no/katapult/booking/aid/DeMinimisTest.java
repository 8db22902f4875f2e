package no.katapult.booking.aid;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.booking.Concurrent;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The de minimis ceiling with the defaults: EUR 300,000 at 11.50 NOK/EUR = NOK 3,450,000 over three
 * rolling years. An SME hour here is NOK 100,000 against a standard NOK 1,000,000: NOK 900,000 of aid.
 */
@QuarkusTest
class DeMinimisTest extends AtMondayMorning {

    @TestHTTPResource("/api/v1/bookings")
    URI bookings;

    static UUID expensiveFacility() {
        return RegistryStub.facility().prices("1000000.00", "100000.00").register();
    }

    @Test
    void ceilingIsEnforcedAndCancellationReleasesHeadroom() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-aid", org);
        UUID facility = expensiveFacility();

        String first = book(token, "FACILITY", facility, "2027-01-11T10:00:00+01:00", "2027-01-11T13:00:00+01:00")
                .then().statusCode(201).body("price.aidAmount.amount", equalTo(2700000.0f)).extract().path("id");

        Response over = book(token, "FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T11:00:00+01:00");
        assertProblem(over, 422, "aid-ceiling-exceeded");
        over.then()
                .body("headroom.amount", equalTo(750000.0f))
                .body("headroom.currency", equalTo("NOK"))
                .body("headroomEur", equalTo(65217.39f))
                .body("ceilingEur", equalTo(300000.0f))
                .body("aidAmount.amount", equalTo(900000.0f))
                .body("detail", containsString("750000.00"));

        given().auth().oauth2(token).get("/api/v1/aid/" + org).then().statusCode(200)
                .body("orgNo", equalTo(org))
                .body("aidTotal.amount", equalTo(2700000.0f))
                .body("aidTotalEur", equalTo(234782.61f))
                .body("ceiling.amount", equalTo(3450000.0f))
                .body("headroom.amount", equalTo(750000.0f))
                .body("bookings.size()", equalTo(1))
                .body("bookings[0].bookingId", equalTo(first));

        Api.cancel(token, first, "Frigjør støtteramme").then().statusCode(200);
        book(token, "FACILITY", facility, "2027-01-12T10:00:00+01:00", "2027-01-12T11:00:00+01:00").then().statusCode(201);
        given().auth().oauth2(token).get("/api/v1/aid/" + org).then().statusCode(200)
                .body("aidTotal.amount", equalTo(900000.0f))
                .body("headroom.amount", equalTo(2550000.0f))
                .body("headroomEur", equalTo(221739.13f));

        // Three years and a day later the award has left the rolling window.
        clock.set("2030-01-05T08:00:00Z");
        given().auth().oauth2(token).get("/api/v1/aid/" + org).then().statusCode(200)
                .body("aidTotal.amount", equalTo(0.0f)).body("bookings.size()", equalTo(0));
    }

    @Test
    void largeEnterpriseBookingsCarryNoAidAndAreNotLimited() {
        String org = TestOrgNumbers.fresh();
        RegistryStub.organisation(org, "LARGE");
        String token = TestTokens.sme("big", org);
        UUID facility = expensiveFacility();
        for (int day = 11; day <= 15; day++) {
            book(token, "FACILITY", facility, "2027-01-" + day + "T10:00:00+01:00", "2027-01-" + day + "T14:00:00+01:00")
                    .then().statusCode(201).body("price.aidAmount.amount", equalTo(0.0f));
        }
    }

    @Test
    void concurrentBookingsCannotTogetherPassTheCeiling() throws Exception {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-burst", org);
        List<Concurrent.Call> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(new Concurrent.Call(token, Api.body("FACILITY", expensiveFacility(),
                    "2027-01-11T10:00:00+01:00", "2027-01-11T11:00:00+01:00")));
        }
        List<Concurrent.Answer> answers = Concurrent.post(bookings, calls);
        // NOK 900,000 each under NOK 3,450,000: three fit, the fourth would not.
        assertEquals(3, answers.stream().filter(a -> a.status() == 201).count(), answers::toString);
        assertEquals(7, answers.stream().filter(a -> a.status() == 422 && a.body().contains("aid-ceiling-exceeded")).count(),
                answers::toString);
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/aid/" + org).then().statusCode(200)
                .body("aidTotal.amount", equalTo(2700000.0f));
    }

    @Test
    void aidSummaryIsForTheOrganisationSivaAndPartners() {
        String org = TestOrgNumbers.fresh();
        book(TestTokens.sme("sme-own", org), "FACILITY", expensiveFacility(), "2027-01-11T10:00:00+01:00",
                "2027-01-11T11:00:00+01:00").then().statusCode(201);
        given().auth().oauth2(TestTokens.partner()).get("/api/v1/aid/" + org).then().statusCode(200)
                .body("aidTotal.amount", equalTo(900000.0f));
        given().auth().oauth2(TestTokens.admin()).get("/api/v1/aid/" + org).then().statusCode(200);
        assertProblem(given().auth().oauth2(TestTokens.sme("sme-nosy", TestOrgNumbers.fresh())).get("/api/v1/aid/" + org).andReturn(), 404);
        assertProblem(given().auth().oauth2(TestTokens.operator("op", "digicat")).get("/api/v1/aid/" + org).andReturn(), 404);
        assertProblem(given().auth().oauth2(TestTokens.admin()).get("/api/v1/aid/123456789").andReturn(), 400, "validation");
        assertProblem(given().get("/api/v1/aid/" + org).andReturn(), 401);
    }

    @Test
    void aidExportIsCsvPerOrganisationAndBooking() {
        clock.set("2027-06-01T08:00:00Z");
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-export", org);
        String id = book(token, "FACILITY", expensiveFacility(), "2027-06-14T10:00:00+02:00", "2027-06-14T11:00:00+02:00")
                .then().statusCode(201).extract().path("id");
        String cancelled = book(token, "FACILITY", expensiveFacility(), "2027-06-15T10:00:00+02:00", "2027-06-15T11:00:00+02:00")
                .then().statusCode(201).extract().path("id");
        Api.cancel(token, cancelled, "Ikke nødvendig").then().statusCode(200);

        Response csv = given().auth().oauth2(TestTokens.admin()).accept("text/csv")
                .queryParam("from", "2027-06-01").queryParam("to", "2027-06-01").get("/api/v1/aid").andReturn();
        csv.then().statusCode(200).contentType(startsWith("text/csv"));
        String[] lines = csv.asString().split("\r\n");
        assertEquals("awardDate,orgNo,bookingId,centreCode,facilityId,resourceType,resourceId,resourceName,start,end,"
                + "status,aidInstrument,standardTotalNok,chargedTotalNok,aidAmountNok,aidAmountEur", lines[0]);
        List<String> ours = java.util.Arrays.stream(lines).filter(l -> l.contains(org)).toList();
        assertEquals(1, ours.size(), csv.asString());
        String[] row = ours.get(0).split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        assertEquals("2027-06-01", row[0]);
        assertEquals(id, row[2]);
        assertEquals("2027-06-14T10:00:00+02:00", row[8]);
        assertEquals("\"de minimis, Regulation (EU) 2023/2831\"", row[11]);
        assertEquals("1000000.00", row[12]);
        assertEquals("100000.00", row[13]);
        assertEquals("900000.00", row[14]);
        assertEquals("78260.87", row[15]);

        given().auth().oauth2(TestTokens.admin()).accept("application/json")
                .queryParam("from", "2027-06-01").queryParam("to", "2027-06-01").get("/api/v1/aid")
                .then().statusCode(200).body("find { it.orgNo == '" + org + "' }.aidAmount.amount", equalTo(900000.0f));
        given().auth().oauth2(TestTokens.admin()).accept("text/csv")
                .queryParam("from", "2027-06-02").queryParam("to", "2027-06-30").get("/api/v1/aid")
                .then().statusCode(200).body(not(containsString(org)));
        assertProblem(given().auth().oauth2(TestTokens.admin()).accept("text/csv").queryParam("from", "June")
                .get("/api/v1/aid").andReturn(), 400, "validation");
    }
}

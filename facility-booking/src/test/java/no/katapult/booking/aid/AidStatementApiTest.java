package no.katapult.booking.aid;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import no.katapult.booking.Api;
import no.katapult.booking.AtMondayMorning;
import no.katapult.booking.registry.RegistryStub;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.booking.Api.book;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GET /api/v1/aid/{orgNo}/statement over HTTP: the PDF names every booking with aid and the right totals (read back by
 * PDFBox text extraction), the JSON form carries the same figures, and only the organisation and siva-admin get it.
 * An SME hour costs NOK 100,000 against a standard NOK 1,000,000: NOK 900,000 of aid an hour.
 */
@QuarkusTest
class AidStatementApiTest extends AtMondayMorning {

    /** Money as exact decimals, as the API writes it (rest-assured reads floats by default). */
    static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    static UUID facility() {
        return RegistryStub.facility().prices("1000000.00", "100000.00").register();
    }

    static Response statement(String token, String orgNo, String year, String accept) {
        return given().auth().oauth2(token).accept(accept).queryParam("year", year)
                .get("/api/v1/aid/" + orgNo + "/statement").andReturn();
    }

    @Test
    void thePdfNamesEveryBookingAndTheTotalsAndTheJsonCarriesTheSameFigures() throws IOException {
        String org = TestOrgNumbers.fresh();
        RegistryStub.organisation(org, "SMALL");
        String token = TestTokens.sme("sme-statement", org);
        String one = book(token, "FACILITY", facility(), "2027-01-11T10:00:00+01:00", "2027-01-11T11:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        String released = book(token, "FACILITY", facility(), "2027-01-13T10:00:00+01:00", "2027-01-13T11:00:00+01:00")
                .then().statusCode(201).extract().path("id");
        Api.cancel(token, released, "Trengs ikke").then().statusCode(200);
        clock.set("2027-01-04T09:00:00Z"); // booked an hour later: the statement lists grants oldest first
        String two = book(token, "FACILITY", facility(), "2027-01-12T10:00:00+01:00", "2027-01-12T12:00:00+01:00")
                .then().statusCode(201).extract().path("id");

        Response json = statement(token, org, "2027", "application/json");
        json.then().statusCode(200).contentType("application/json");
        JsonPath s = json.jsonPath(EXACT);
        assertEquals(List.of(one, two), s.getList("bookings.bookingId"));
        assertEquals(org, s.getString("undertaking.orgNo"));
        assertEquals("Demo " + org, s.getString("undertaking.name"));
        assertEquals(new BigDecimal("2700000.00"), amount(s, "yearTotal.amount"));
        assertEquals(new BigDecimal("234782.61"), amount(s, "yearTotalEur"));
        assertEquals(new BigDecimal("2700000.00"), amount(s, "rollingThreeYears.aidTotal.amount"));
        assertEquals(new BigDecimal("3450000.00"), amount(s, "rollingThreeYears.ceiling.amount"));
        assertEquals(new BigDecimal("750000.00"), amount(s, "rollingThreeYears.headroom.amount"));
        assertEquals(new BigDecimal("65217.39"), amount(s, "rollingThreeYears.headroomEur"));
        assertEquals(new BigDecimal("900000.00"), amount(s, "bookings[0].aidAmount.amount"));
        assertEquals(new BigDecimal("1800000.00"), amount(s, "bookings[1].aidAmount.amount"));
        assertEquals(AidStatement.REGULATION_TITLE, s.getString("regulationTitle"));
        assertEquals(AidStatement.OFFICIAL_JOURNAL, s.getString("officialJournal"));
        assertEquals(AidStatement.DECLARATION, s.getString("declaration"));

        Response pdf = statement(token, org, "2027", "application/pdf");
        pdf.then().statusCode(200).contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"de-minimis-" + org + "-2027.pdf\"");
        String text = AidStatementPdfTest.text(pdf.asByteArray());
        String flat = text.replaceAll("\\s+", " ");

        // Every figure of the JSON form, as the PDF writes it.
        assertTrue(text.contains("Støttegiver: " + s.getString("grantingBody")), text);
        assertTrue(text.contains("Støttemottaker: Demo " + org), text);
        assertTrue(text.contains("Organisasjonsnummer: " + org), text);
        assertTrue(text.contains("Omregningskurs: 1 EUR = " + figure(s, "eurNokRate") + " NOK"), text);
        List<Map<String, Object>> lines = s.getList("bookings");
        for (int i = 0; i < lines.size(); i++) {
            String row = String.join(" ", figure(s, "bookings[" + i + "].standardPrice.amount"),
                    figure(s, "bookings[" + i + "].pricePaid.amount"), figure(s, "bookings[" + i + "].aidAmount.amount"),
                    figure(s, "bookings[" + i + "].aidAmountEur"));
            assertTrue(text.contains(row), row + "\n" + text);
        }
        assertTrue(text.contains("11.01.2027 kl. 10:00–11:00"), text);
        assertTrue(text.contains("12.01.2027 kl. 10:00–12:00"), text);
        assertFalse(text.contains("13.01.2027 kl. 10:00"), "the cancelled booking's aid was released:\n" + text);
        assertTrue(text.contains("Sum støtte tildelt i 2027 " + figure(s, "yearTotal.amount") + " "
                + figure(s, "yearTotalEur")), text);
        assertTrue(text.contains(figure(s, "rollingThreeYears.aidTotal.amount") + " "
                + figure(s, "rollingThreeYears.aidTotalEur")), text);
        assertTrue(text.contains("Tak for bagatellmessig støtte over tre år " + figure(s, "rollingThreeYears.ceiling.amount")
                + " " + figure(s, "rollingThreeYears.ceilingEur")), text);
        assertTrue(text.contains("Gjenstående innenfor taket " + figure(s, "rollingThreeYears.headroom.amount") + " "
                + figure(s, "rollingThreeYears.headroomEur")), text);
        assertEquals("2 700 000,00", figure(s, "yearTotal.amount"));
        assertEquals("750 000,00", figure(s, "rollingThreeYears.headroom.amount"));
        // Article 6(1): the amount, its de minimis character, the regulation's title and OJ reference.
        assertTrue(flat.contains("Støttebeløpet tildelt i 2027 er NOK 2 700 000,00 (EUR 234 782,61)"), flat);
        assertTrue(flat.contains(AidStatement.DECLARATION), flat);
        assertTrue(flat.contains(AidStatement.REGULATION_TITLE), flat);
        assertTrue(flat.contains(AidStatement.OFFICIAL_JOURNAL), flat);

        // A client that takes anything gets JSON.
        statement(token, org, "2027", "*/*").then().statusCode(200).contentType("application/json");
        // siva-admin gets the same statement.
        assertEquals(s.getList("bookings.bookingId"),
                statement(TestTokens.admin(), org, "2027", "application/json").jsonPath().getList("bookings.bookingId"));
        statement(TestTokens.admin(), org, "2027", "application/pdf").then().statusCode(200).contentType("application/pdf");
    }

    @Test
    void onlyTheOrganisationAndSivaAdminGetIt() {
        String org = TestOrgNumbers.fresh();
        book(TestTokens.sme("sme-own", org), "FACILITY", facility(), "2027-01-11T10:00:00+01:00",
                "2027-01-11T11:00:00+01:00").then().statusCode(201);
        for (String accept : List.of("application/json", "application/pdf")) {
            assertProblem(statement(TestTokens.sme("sme-nosy", TestOrgNumbers.fresh()), org, "2027", accept), 404);
            assertProblem(statement(TestTokens.partner(), org, "2027", accept), 403);
            assertProblem(statement(TestTokens.operator("op", "digicat"), org, "2027", accept), 403);
            assertProblem(given().accept(accept).queryParam("year", "2027").get("/api/v1/aid/" + org + "/statement")
                    .andReturn(), 401);
        }
        statement(TestTokens.admin(), org, "2027", "application/json").then().statusCode(200);
    }

    @Test
    void aBadYearOrOrganisationNumberIs400() {
        String org = TestOrgNumbers.fresh();
        String token = TestTokens.sme("sme-years", org);
        for (String year : List.of("2028", "2016", "20x7", "", "2027.0")) {
            assertProblem(statement(token, org, year, "application/pdf"), 400, "validation");
        }
        assertProblem(given().auth().oauth2(token).accept("application/json").get("/api/v1/aid/" + org + "/statement")
                .andReturn(), 400, "validation");
        assertProblem(statement(TestTokens.admin(), "123456789", "2027", "application/json"), 400, "validation");
        // A past year with no aid is a statement with no bookings and the whole ceiling left.
        Response past = statement(token, org, "2026", "application/json");
        past.then().statusCode(200);
        JsonPath empty = past.jsonPath(EXACT);
        assertEquals(List.of(), empty.getList("bookings"));
        assertEquals(new BigDecimal("3450000.00"), amount(empty, "rollingThreeYears.headroom.amount"));
    }

    static BigDecimal amount(JsonPath json, String path) {
        return new BigDecimal(json.getString(path)).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** The JSON figure at {@code path} as the PDF writes it, no-break spaces read as spaces. */
    static String figure(JsonPath json, String path) {
        return AidStatementPdf.figure(new BigDecimal(json.getString(path))).replace('\u00a0', ' ');
    }
}

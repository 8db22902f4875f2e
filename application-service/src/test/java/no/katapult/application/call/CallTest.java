package no.katapult.application.call;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.application.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.callJson;
import static no.katapult.application.Fixtures.createCall;
import static no.katapult.application.Fixtures.unique;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CallTest {

    static final String CALLS = "/api/v1/calls";

    @Test
    void createdCallShowsItsDeadlineInOsloTimeAcrossDaylightSavingChanges() {
        // 2027-03-28 01:30Z is 03:30 summer time (the clocks jumped 02:00 -> 03:00);
        // 2027-10-31 01:30Z is the second 02:30 of that day, in winter time (+01:00).
        String body = callJson("DST-utlysning", Instant.parse("2027-03-28T01:30:00Z"),
                Instant.parse("2027-10-31T01:30:00Z"), "2000000.00", "200000.00");
        var created = given().auth().oauth2(admin()).contentType("application/json").body(body).post(CALLS)
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/calls/"))
                .header("ETag", equalTo("\"0\""))
                .body("opensAtLocal", equalTo("2027-03-28T03:30:00+02:00"))
                .body("closesAtLocal", equalTo("2027-10-31T02:30:00+01:00"))
                .body("timeZone", equalTo("Europe/Oslo"))
                .body("state", equalTo("UPCOMING"))
                .body("kind", equalTo("PRE_PROJECT"))
                .body("budget.amount", equalTo(2000000.00f))
                .body("budget.currency", equalTo("NOK"))
                .body("maxAmountPerApplication.amount", equalTo(200000.00f))
                .body("grantedTotal.amount", equalTo(0.0f))
                .body("criteria.code", equalTo(List.of("relevance", "impact", "implementation")))
                .body("criteria[0].weight", equalTo(3))
                .extract();
        String id = created.path("id");
        given().auth().oauth2(Fixtures.partner()).get(CALLS + "/" + id).then().statusCode(200)
                .body("title", equalTo("DST-utlysning"))
                .body("closesAtLocal", equalTo("2027-10-31T02:30:00+01:00"))
                .body("closesAt", equalTo("2027-10-31T02:30:00+01:00"));
    }

    @Test
    void stateIsDerivedFromTheClockAndFiltersTheList() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String upcoming = createCall(now.plus(10, ChronoUnit.DAYS), now.plus(20, ChronoUnit.DAYS), "1000000", "100000");
        String open = createCall(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS), "1000000", "100000");
        String closed = createCall(now.minus(10, ChronoUnit.DAYS), now.minus(1, ChronoUnit.SECONDS), "1000000", "100000");
        String sme = no.katapult.common.testing.TestTokens.sme("sme-anna", "910000012");

        given().auth().oauth2(sme).get(CALLS + "/" + upcoming).then().body("state", equalTo("UPCOMING"));
        given().auth().oauth2(sme).get(CALLS + "/" + open).then().body("state", equalTo("OPEN"));
        given().auth().oauth2(sme).get(CALLS + "/" + closed).then().body("state", equalTo("CLOSED"));

        List<String> openIds = given().auth().oauth2(sme).get(CALLS + "?state=OPEN&size=100").then().statusCode(200)
                .extract().path("items.id");
        assertTrue(openIds.contains(open));
        assertFalse(openIds.contains(upcoming));
        assertFalse(openIds.contains(closed));
        List<String> states = given().auth().oauth2(sme).get(CALLS + "?state=closed&size=100").then().statusCode(200)
                .extract().path("items.state");
        assertTrue(states.stream().allMatch("CLOSED"::equals));
        List<String> upcomingIds = given().auth().oauth2(sme).get(CALLS + "?state=UPCOMING&size=100")
                .then().extract().path("items.id");
        assertTrue(upcomingIds.contains(upcoming));
    }

    @Test
    void criteriaNeedPositiveWeightsAndDistinctCodes() {
        Instant now = Instant.now();
        String body = callJson(unique("Vekt"), now, now.plus(1, ChronoUnit.DAYS), "100000", "50000")
                .replace("\"weight\": 3", "\"weight\": 0")
                .replace("\"weight\": 2", "\"weight\": -1")
                .replace("\"code\": \"implementation\"", "\"code\": \"relevance\"");
        var response = given().auth().oauth2(admin()).contentType("application/json").body(body).post(CALLS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", hasItems("criteria[0].weight", "criteria[1].weight"));

        String duplicate = callJson(unique("Kode"), now, now.plus(1, ChronoUnit.DAYS), "100000", "50000")
                .replace("\"code\": \"implementation\"", "\"code\": \"relevance\"");
        var dup = given().auth().oauth2(admin()).contentType("application/json").body(duplicate).post(CALLS).andReturn();
        assertProblem(dup, 400, "validation");
        dup.then().body("errors.field", hasItems("criteria[2].code"));

        String none = callJson(unique("Ingen"), now, now.plus(1, ChronoUnit.DAYS), "100000", "50000")
                .replaceAll("(?s)\"criteria\": \\[.*]", "\"criteria\": []");
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(none).post(CALLS).andReturn(),
                400, "validation").then().body("errors.field", hasItems("criteria"));
    }

    @Test
    void wrongTypesAreRefusedNotCoerced() {
        Instant now = Instant.now();
        String json = callJson(unique("Typer"), now, now.plus(1, ChronoUnit.DAYS), "100000", "50000");
        String numericOpensAt = json.replaceFirst("\"opensAt\": \"[^\"]+\"", "\"opensAt\": 12345");
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(numericOpensAt).post(CALLS)
                .andReturn(), 400, "validation").then().body("errors[0].field", equalTo("opensAt"));
        String numericTitle = json.replaceFirst("\"title\": \"[^\"]+\"", "\"title\": 12345");
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(numericTitle).post(CALLS)
                .andReturn(), 400, "validation").then().body("errors[0].field", equalTo("title"));
    }

    @Test
    void periodAndAmountsAreChecked() {
        Instant now = Instant.now();
        String body = callJson(unique("Periode"), now, now.minus(1, ChronoUnit.DAYS), "100000", "150000");
        var response = given().auth().oauth2(admin()).contentType("application/json").body(body).post(CALLS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", hasItems("closesAt", "maxAmountPerApplication.amount"));

        String foreign = callJson(unique("Valuta"), now, now.plus(1, ChronoUnit.DAYS), "100000", "50000")
                .replaceFirst("\"NOK\"", "\"EUR\"");
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(foreign).post(CALLS)
                .andReturn(), 400, "validation").then().body("errors.field", hasItems("budget.currency"));
    }

    @Test
    void updateHonoursIfMatchAndOnlyAdminsMayWrite() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = createCall(now, now.plus(5, ChronoUnit.DAYS), "500000", "100000");
        String changed = callJson("Endret tittel", now, now.plus(6, ChronoUnit.DAYS), "600000", "100000");

        assertProblem(given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"7\"")
                .body(changed).put(CALLS + "/" + id).andReturn(), 412, "precondition-failed");
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(changed).put(CALLS + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\""))
                .body("title", equalTo("Endret tittel"))
                .body("budget.amount", equalTo(600000.0f))
                .body("version", equalTo(1));
        assertProblem(given().auth().oauth2(Fixtures.applicant("applicant-sin", Fixtures.SIN))
                .contentType("application/json").body(changed).put(CALLS + "/" + id).andReturn(), 403);
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(changed)
                .put(CALLS + "/" + UUID.randomUUID()).andReturn(), 404);
    }
}

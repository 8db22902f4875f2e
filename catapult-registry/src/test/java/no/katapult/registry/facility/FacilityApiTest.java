package no.katapult.registry.facility;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.bookingRules;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static no.katapult.registry.Fixtures.createEquipment;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.equipment;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.interval;
import static no.katapult.registry.Fixtures.money;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class FacilityApiTest {

    static final String FACILITIES = "/api/v1/facilities";

    @Test
    void adminCreatesAFacilityAndAnyoneReadsItWithHoursRulesPricesAndEquipment() {
        String[] centre = newCentre();
        Response created = post(FACILITIES, TestTokens.admin(), facility(centre[0]));
        String id = created.jsonPath().getString("id");
        created.then().statusCode(201)
                .header("Location", endsWith(FACILITIES + "/" + id))
                .header("ETag", "\"0\"")
                .body("centreId", equalTo(centre[0]))
                .body("centreCode", equalTo(centre[1]))
                .body("type", equalTo("WORKSHOP"))
                .body("capabilities", contains("machining", "welding"))
                .body("capacity", equalTo(6))
                .body("address.county", equalTo("Innlandet"))
                .body("openingHours.MONDAY", equalTo(List.of(Map.of("from", "08:00", "to", "16:00"))))
                .body("openingHours.FRIDAY", equalTo(List.of(Map.of("from", "08:00", "to", "12:00"),
                        Map.of("from", "13:00", "to", "24:00"))))
                .body("openingHours.SUNDAY", nullValue())
                .body("closures", equalTo(List.of(Map.of("from", "2026-12-24", "to", "2027-01-01", "reason", "Juleferie"))))
                .body("bookingRules.minDurationMinutes", equalTo(60))
                .body("bookingRules.maxDurationMinutes", equalTo(480))
                .body("bookingRules.slotGranularityMinutes", equalTo(30))
                .body("bookingRules.leadTimeHours", equalTo(24))
                .body("bookingRules.horizonDays", equalTo(180))
                .body("bookingRules.bufferMinutes", equalTo(15))
                .body("bookingRules.requiresApproval", equalTo(false))
                .body("bookingRules.freeCancellationNoticeHours", equalTo(48))
                .body("standardPrice.amount", equalTo(1250.00f))
                .body("standardPrice.currency", equalTo("NOK"))
                .body("smePrice.amount", equalTo(750.00f))
                .body("bookable", equalTo(true))
                .body("active", equalTo(true))
                .body("equipment", empty())
                .body("version", equalTo(0));
        // Amounts keep two decimals on the wire.
        assertTrue(created.asString().contains("\"amount\":1250.00"), created.asString());

        String printer = createEquipment(equipment(id, "Industriell 3D-printer"));
        given().get(FACILITIES + "/" + id).then().statusCode(200)
                .header("ETag", "\"0\"")
                .body("equipment.id", contains(printer))
                .body("equipment[0].facilityId", equalTo(id))
                .body("equipment[0].name", equalTo("Industriell 3D-printer"));
    }

    @Test
    void weekdaysComeOutInOrderAndTouchingIntervalsAreFine() {
        String[] centre = newCentre();
        Map<String, Object> body = facility(centre[0]);
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("SUNDAY", List.of(interval("00:00", "24:00")));
        hours.put("wednesday", List.of(interval("12:00", "16:00"), interval("08:00", "12:00")));
        hours.put("MONDAY", List.of());
        body.put("openingHours", hours);
        Response r = post(FACILITIES, TestTokens.admin(), body);
        r.then().statusCode(201)
                .body("openingHours.WEDNESDAY", equalTo(List.of(Map.of("from", "08:00", "to", "12:00"),
                        Map.of("from", "12:00", "to", "16:00"))))
                .body("openingHours.SUNDAY", equalTo(List.of(Map.of("from", "00:00", "to", "24:00"))))
                .body("openingHours.MONDAY", nullValue());
        assertEquals(List.of("WEDNESDAY", "SUNDAY"),
                new ArrayList<>(r.jsonPath().getMap("openingHours").keySet()));

        // Read back from the database (jsonb sorts keys its own way), still in week order.
        Map<String, Object> full = facility(centre[0]);
        Map<String, Object> week = new LinkedHashMap<>();
        for (String day : List.of("SUNDAY", "SATURDAY", "FRIDAY", "THURSDAY", "WEDNESDAY", "TUESDAY", "MONDAY")) {
            week.put(day, List.of(interval("10:00", "14:00")));
        }
        full.put("openingHours", week);
        String id = createFacility(full);
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                new ArrayList<>(given().get(FACILITIES + "/" + id).jsonPath().getMap("openingHours").keySet()));
        assertEquals(List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"),
                new ArrayList<>(given().queryParam("centreId", centre[0]).queryParam("q", full.get("name"))
                        .get(FACILITIES).jsonPath().getMap("items[0].openingHours").keySet()));
    }

    @Test
    void everyBrokenRuleIsListedInOne400() {
        String[] centre = newCentre();
        Map<String, Object> body = facility(centre[0]);
        body.put("name", "");
        body.put("capacity", 0);
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("MONDAY", List.of(interval("16:00", "08:00")));
        hours.put("TUESDAY", List.of(interval("08:00", "12:00"), interval("11:00", "14:00")));
        hours.put("WEDNESDAY", List.of(interval("8:00", "25:00")));
        hours.put("THURSDAY", List.of(interval("24:00", "24:00")));
        hours.put("FUNDAY", List.of(interval("08:00", "16:00")));
        body.put("openingHours", hours);
        body.put("closures", List.of(Map.of("from", "2027-01-10", "to", "2027-01-01", "reason", "")));
        body.put("bookingRules", bookingRules(45, 30, 30));
        body.put("standardPrice", money("-1.00"));
        body.put("smePrice", Map.of("amount", 10, "currency", "EUR"));
        assertProblem(post(FACILITIES, TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("name", "capacity",
                        "openingHours.MONDAY[0].to", "openingHours.TUESDAY[1]", "openingHours.WEDNESDAY[0].from",
                        "openingHours.WEDNESDAY[0].to", "openingHours.THURSDAY[0].from", "openingHours.FUNDAY",
                        "closures[0].to", "closures[0].reason",
                        "bookingRules.minDurationMinutes", "bookingRules.maxDurationMinutes",
                        "standardPrice.amount", "smePrice.currency"));
    }

    @Test
    void theSmePriceMustNotExceedTheStandardPrice() {
        Map<String, Object> body = facility(newCentre()[0]);
        body.put("standardPrice", money("800.00"));
        body.put("smePrice", money("900.00"));
        assertProblem(post(FACILITIES, TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", contains("smePrice"));
        body.put("smePrice", money("800.00"));
        post(FACILITIES, TestTokens.admin(), body).then().statusCode(201);
    }

    @Test
    void missingRequiredMembersAreAllListed() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bookingRules", Map.of());
        assertProblem(post(FACILITIES, TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("centreId", "name", "type", "standardPrice",
                        "smePrice", "bookable", "active", "bookingRules.minDurationMinutes",
                        "bookingRules.maxDurationMinutes", "bookingRules.slotGranularityMinutes",
                        "bookingRules.leadTimeHours", "bookingRules.horizonDays", "bookingRules.bufferMinutes",
                        "bookingRules.requiresApproval", "bookingRules.freeCancellationNoticeHours"));
    }

    @Test
    void aMissingOrPhasedOutCentreIs422() {
        assertProblem(post(FACILITIES, TestTokens.admin(), facility("00000000-0000-4000-8000-000000000001")),
                422, "centre-not-found");

        Map<String, Object> gone = centre(code("gone"));
        gone.put("status", "PHASED_OUT");
        String goneId = createCentre(gone);
        assertProblem(post(FACILITIES, TestTokens.admin(), facility(goneId)), 422, "centre-phased-out");
    }

    @Test
    void aFacilityOfAPhasedOutCentreCanOnlyBeDeactivated() {
        Map<String, Object> centreBody = centre(code("winding-down"));
        String centreId = createCentre(centreBody);
        Map<String, Object> body = facility(centreId);
        String id = createFacility(body);
        centreBody.put("status", "PHASED_OUT");
        put("/api/v1/centres/" + centreId, TestTokens.admin(), "\"0\"", centreBody).then().statusCode(200);

        body.put("name", "Fortsatt i drift");
        assertProblem(put(FACILITIES + "/" + id, TestTokens.admin(), "\"0\"", body), 422, "centre-phased-out");
        body.put("active", false);
        put(FACILITIES + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void theCentresOperatorWritesItsFacilitiesAndOtherOperatorsGet403() {
        String[] mine = newCentre();
        String[] theirs = newCentre();
        String me = TestTokens.operator("operator-mine", mine[1]);
        String other = TestTokens.operator("operator-theirs", theirs[1]);

        Map<String, Object> body = facility(mine[0]);
        Response created = post(FACILITIES, me, body);
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        assertProblem(post(FACILITIES, other, facility(mine[0])), 403, "forbidden");

        body.put("description", "Oppdatert av operatøren.");
        put(FACILITIES + "/" + id, me, "\"0\"", body).then().statusCode(200).header("ETag", "\"1\"")
                .body("description", equalTo("Oppdatert av operatøren."));
        assertProblem(put(FACILITIES + "/" + id, other, "\"1\"", body), 403, "forbidden");

        // Moving it needs both centres: the operator of the old one alone may not.
        body.put("centreId", theirs[0]);
        assertProblem(put(FACILITIES + "/" + id, me, "\"1\"", body), 403, "forbidden");
        put(FACILITIES + "/" + id, TestTokens.admin(), "\"1\"", body).then().statusCode(200)
                .body("centreId", equalTo(theirs[0])).body("centreCode", equalTo(theirs[1]));
    }

    @Test
    void otherRolesCannotWriteFacilities() {
        String[] centre = newCentre();
        Map<String, Object> body = facility(centre[0]);
        assertProblem(post(FACILITIES, null, body), 401);
        assertProblem(post(FACILITIES, TestTokens.sme("sme-anna", "910000012"), body), 403);
        assertProblem(post(FACILITIES, TestTokens.partner(), body), 403);
        assertProblem(post(FACILITIES, TestTokens.user("rev", "reviewer").orgNo("990000018").sign(), body), 403);
        // An operator token without a centre_code claim is no operator of any centre.
        assertProblem(post(FACILITIES, TestTokens.user("op", "centre-operator").sign(), body), 403);
        String id = createFacility(body);
        assertProblem(put(FACILITIES + "/" + id, null, null, body), 401);
        assertProblem(put(FACILITIES + "/" + id, TestTokens.sme("sme-anna", "910000012"), null, body), 403);
    }

    @Test
    void aStaleIfMatchIs412() {
        Map<String, Object> body = facility(newCentre()[0]);
        String id = createFacility(body);
        put(FACILITIES + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200).header("ETag", "\"1\"");
        assertProblem(put(FACILITIES + "/" + id, TestTokens.admin(), "\"0\"", body), 412, "precondition-failed");
        put(FACILITIES + "/" + id, TestTokens.admin(), "\"1\"", body).then().statusCode(200).header("ETag", "\"2\"");
    }

    @Test
    void anUnknownFacilityIs404() {
        assertProblem(given().get(FACILITIES + "/00000000-0000-4000-8000-0000000000ff").andReturn(), 404, "not-found");
        assertProblem(put(FACILITIES + "/00000000-0000-4000-8000-0000000000ff", TestTokens.admin(), null,
                facility(newCentre()[0])), 404, "not-found");
    }

    @Test
    void listFiltersCombine() {
        Map<String, Object> centreBody = centre(code("filters"));
        centreBody.put("address", Map.of("municipality", "Stord", "county", "Vestland"));
        String centreId = createCentre(centreBody);
        String tag = code("tag");

        Map<String, Object> lab = facility(centreId);
        lab.put("type", "LAB");
        lab.put("name", "A-lab");
        lab.remove("address");
        lab.put("capabilities", List.of(tag));
        String labId = createFacility(lab);

        Map<String, Object> bed = facility(centreId);
        bed.put("type", "TEST_BED");
        bed.put("name", "B-testbed");
        bed.put("capabilities", List.of("batteries"));
        String bedId = createFacility(bed);
        Map<String, Object> item = equipment(bedId, "Battericykler");
        item.put("capabilities", List.of(tag.toUpperCase()));
        createEquipment(item);

        Map<String, Object> closed = facility(centreId);
        closed.put("name", "C-closed");
        closed.put("active", false);
        String closedId = createFacility(closed);

        given().queryParam("centreId", centreId).get(FACILITIES).then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", contains(labId, bedId, closedId))
                .body("items[1].equipment.name", contains("Battericykler"));
        given().queryParam("centreId", centreId).queryParam("type", "LAB").get(FACILITIES).then()
                .body("items.id", contains(labId));
        // The lab has no address of its own: it is where its centre is.
        given().queryParam("centreId", centreId).queryParam("county", "vestland").get(FACILITIES).then()
                .body("items.id", contains(labId));
        given().queryParam("centreId", centreId).queryParam("county", "Innlandet").get(FACILITIES).then()
                .body("items.id", contains(bedId, closedId));
        // A capability of the facility or of any of its equipment.
        given().queryParam("capability", tag).get(FACILITIES).then().body("items.id", contains(labId, bedId));
        given().queryParam("centreId", centreId).queryParam("active", "false").get(FACILITIES).then()
                .body("items.id", contains(closedId));
        given().queryParam("centreId", centreId).queryParam("size", 2).queryParam("page", 1).get(FACILITIES).then()
                .body("total", equalTo(3)).body("items.id", contains(closedId));
    }

    @Test
    void badQueryParametersAreAllListedInOne400() {
        assertProblem(given().queryParam("centreId", "nope").queryParam("type", "CASTLE").queryParam("active", "maybe")
                .queryParam("size", "0").get(FACILITIES).andReturn(), 400, "validation")
                .then().body("errors.field", hasItems("centreId", "type", "active", "size"));
        assertProblem(given().queryParam("q", "x".repeat(201)).get(FACILITIES).andReturn(), 400, "validation")
                .then().body("errors.field", contains("q"));
    }
}

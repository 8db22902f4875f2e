package no.katapult.registry.facility;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.createEquipment;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.equipment;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.money;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class EquipmentApiTest {

    static final String EQUIPMENT = "/api/v1/equipment";

    @Test
    void adminCreatesAnItemAndAnyoneReadsIt() {
        String facilityId = createFacility(facility(newCentre()[0]));
        Map<String, Object> body = equipment(facilityId, "CNC-fres");
        body.put("category", "cnc");
        body.put("capabilities", List.of("Machining", "5-axis"));
        Response created = post(EQUIPMENT, TestTokens.admin(), body);
        String id = created.jsonPath().getString("id");
        created.then().statusCode(201)
                .header("Location", endsWith(EQUIPMENT + "/" + id))
                .header("ETag", "\"0\"")
                .body("facilityId", equalTo(facilityId))
                .body("name", equalTo("CNC-fres"))
                .body("category", equalTo("cnc"))
                .body("manufacturer", equalTo("Produsent AS"))
                .body("model", equalTo("X1"))
                .body("description", equalTo("En maskin."))
                .body("capabilities", contains("machining", "5-axis"))
                .body("bookable", equalTo(true))
                .body("version", equalTo(0));
        // Without own prices the facility's apply, and the members are absent.
        assertFalse(created.asString().contains("standardPrice"), created.asString());
        assertFalse(created.asString().contains("smePrice"), created.asString());

        given().get(EQUIPMENT + "/" + id).then().statusCode(200).header("ETag", "\"0\"")
                .body("id", equalTo(id)).body("facilityId", equalTo(facilityId));
    }

    @Test
    void anItemMayHaveItsOwnPrices() {
        String facilityId = createFacility(facility(newCentre()[0]));
        Map<String, Object> body = equipment(facilityId, "Skanner");
        body.put("standardPrice", money("1800.00"));
        body.put("smePrice", money("1100.50"));
        Response created = post(EQUIPMENT, TestTokens.admin(), body);
        created.then().statusCode(201)
                .body("standardPrice.amount", equalTo(1800.00f)).body("standardPrice.currency", equalTo("NOK"))
                .body("smePrice.amount", equalTo(1100.50f));
        assertTrue(created.asString().contains("\"amount\":1800.00"), created.asString());
    }

    @Test
    void ownPricesComeAsAPairAndTheSmePriceIsNotHigher() {
        String facilityId = createFacility(facility(newCentre()[0]));
        Map<String, Object> onlyStandard = equipment(facilityId, "Halvpris");
        onlyStandard.put("standardPrice", money("100.00"));
        assertProblem(post(EQUIPMENT, TestTokens.admin(), onlyStandard), 400, "validation")
                .then().body("errors.field", contains("smePrice"));

        Map<String, Object> onlySme = equipment(facilityId, "Halvpris");
        onlySme.put("smePrice", money("100.00"));
        assertProblem(post(EQUIPMENT, TestTokens.admin(), onlySme), 400, "validation")
                .then().body("errors.field", contains("standardPrice"));

        Map<String, Object> inverted = equipment(facilityId, "Dyrere for SMB");
        inverted.put("standardPrice", money("100.00"));
        inverted.put("smePrice", money("100.01"));
        assertProblem(post(EQUIPMENT, TestTokens.admin(), inverted), 400, "validation")
                .then().body("errors.field", contains("smePrice"));
    }

    @Test
    void everyInvalidFieldIsListedInOne400() {
        Map<String, Object> body = Map.of("name", "", "category", " ", "capabilities", List.of(""),
                "standardPrice", money("-5.00"), "smePrice", money("-6.00"));
        assertProblem(post(EQUIPMENT, TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("facilityId", "name", "category", "capabilities[0]",
                        "bookable", "standardPrice.amount", "smePrice.amount"));
    }

    @Test
    void aMissingFacilityIs422() {
        assertProblem(post(EQUIPMENT, TestTokens.admin(), equipment("00000000-0000-4000-8000-00000000abcd", "Spøkelse")),
                422, "facility-not-found");
    }

    @Test
    void theCentresOperatorWritesItsEquipmentAndOthersGet403() {
        String[] mine = newCentre();
        String[] theirs = newCentre();
        String myFacility = createFacility(facility(mine[0]));
        String theirFacility = createFacility(facility(theirs[0]));
        String me = TestTokens.operator("operator-mine", mine[1]);
        String other = TestTokens.operator("operator-theirs", theirs[1]);

        Map<String, Object> body = equipment(myFacility, "Laserkutter");
        Response created = post(EQUIPMENT, me, body);
        created.then().statusCode(201);
        String id = created.jsonPath().getString("id");
        assertProblem(post(EQUIPMENT, other, equipment(myFacility, "Inntrenger")), 403, "forbidden");
        assertProblem(post(EQUIPMENT, null, body), 401);
        assertProblem(post(EQUIPMENT, TestTokens.sme("sme-anna", "910000012"), body), 403);
        assertProblem(post(EQUIPMENT, TestTokens.partner(), body), 403);

        body.put("bookable", false);
        put(EQUIPMENT + "/" + id, me, "\"0\"", body).then().statusCode(200).header("ETag", "\"1\"")
                .body("bookable", equalTo(false));
        assertProblem(put(EQUIPMENT + "/" + id, other, "\"1\"", body), 403, "forbidden");
        assertProblem(put(EQUIPMENT + "/" + id, null, "\"1\"", body), 401);

        // Moving it to another centre's facility needs that centre too.
        body.put("facilityId", theirFacility);
        assertProblem(put(EQUIPMENT + "/" + id, me, "\"1\"", body), 403, "forbidden");
        put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"1\"", body).then().statusCode(200)
                .body("facilityId", equalTo(theirFacility));
    }

    @Test
    void aStaleIfMatchIs412AndAnUnknownItemIs404() {
        String facilityId = createFacility(facility(newCentre()[0]));
        Map<String, Object> body = equipment(facilityId, "Mikroskop");
        String id = createEquipment(body);
        body.put("model", "X2");
        put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200).header("ETag", "\"1\"");
        assertProblem(put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"0\"", body), 412, "precondition-failed");

        assertProblem(given().get(EQUIPMENT + "/00000000-0000-4000-8000-00000000beef").andReturn(), 404, "not-found");
        assertProblem(put(EQUIPMENT + "/00000000-0000-4000-8000-00000000beef", TestTokens.admin(), null, body),
                404, "not-found");
        body.put("facilityId", "00000000-0000-4000-8000-00000000abcd");
        assertProblem(put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"1\"", body), 422, "facility-not-found");
    }

    @Test
    void listFiltersCombine() {
        String[] centre = newCentre();
        String first = createFacility(facility(centre[0]));
        String second = createFacility(facility(centre[0]));
        Map<String, Object> a = equipment(first, "Alfa-robot");
        a.put("category", "Robot");
        String aId = createEquipment(a);
        Map<String, Object> b = equipment(first, "Beta-mikroskop");
        b.put("category", "microscope");
        b.put("description", "Elektronmikroskop for materialanalyse.");
        String bId = createEquipment(b);
        Map<String, Object> c = equipment(second, "Gamma-robot");
        c.put("category", "robot");
        String cId = createEquipment(c);

        given().queryParam("centreId", centre[0]).get(EQUIPMENT).then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", contains(aId, bId, cId));
        given().queryParam("facilityId", first).get(EQUIPMENT).then().body("items.id", contains(aId, bId));
        given().queryParam("centreId", centre[0]).queryParam("category", "ROBOT").get(EQUIPMENT).then()
                .body("items.id", contains(aId, cId));
        given().queryParam("centreId", centre[0]).queryParam("q", "materialanalysen").get(EQUIPMENT).then()
                .body("items.id", contains(bId));
        given().queryParam("centreId", centre[0]).queryParam("size", 1).queryParam("page", 2).get(EQUIPMENT).then()
                .body("total", equalTo(3)).body("items.id", contains(cId));
        assertProblem(given().queryParam("facilityId", "x").queryParam("centreId", "y").get(EQUIPMENT).andReturn(),
                400, "validation").then().body("errors.field", hasItems("facilityId", "centreId"));
    }
}

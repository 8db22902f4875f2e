package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.StartGate;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createAt;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.equipment;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PUT with If-None-Match: * creates a centre, facility or equipment item at the id in the path (RFC 9110,
 * 13.1.2), which is how the demo data gets its fixed, documented ids. A second create at that id is 412.
 */
@QuarkusTest
class CreateAtIdTest {

    static final String CENTRES = "/api/v1/centres/";

    @Test
    void aCentreIsCreatedAtTheChosenIdAndASecondCreateThereIs412() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = centre(code("chosen"));
        createAt(CENTRES + id, TestTokens.admin(), body).then().statusCode(201)
                .header("Location", equalTo(CENTRES + id))
                .header("ETag", "\"0\"")
                .body("id", equalTo(id));
        given().get(CENTRES + id).then().statusCode(200).body("code", equalTo(body.get("code")));

        Map<String, Object> other = centre(code("chosen-again"));
        assertProblem(createAt(CENTRES + id, TestTokens.admin(), other), 412, "precondition-failed");
        given().get(CENTRES + id).then().body("code", equalTo(body.get("code"))).header("ETag", "\"0\"");
    }

    @Test
    void aFacilityAndAnItemAreCreatedAtTheirChosenIds() {
        String centreId = newCentre()[0];
        String facilityId = UUID.randomUUID().toString();
        createAt("/api/v1/facilities/" + facilityId, TestTokens.admin(), facility(centreId)).then().statusCode(201)
                .header("Location", equalTo("/api/v1/facilities/" + facilityId))
                .body("id", equalTo(facilityId))
                .body("centreId", equalTo(centreId));
        assertProblem(createAt("/api/v1/facilities/" + facilityId, TestTokens.admin(), facility(centreId)),
                412, "precondition-failed");

        String itemId = UUID.randomUUID().toString();
        createAt("/api/v1/equipment/" + itemId, TestTokens.admin(), equipment(facilityId, "Valgt skriver"))
                .then().statusCode(201)
                .header("Location", equalTo("/api/v1/equipment/" + itemId))
                .body("id", equalTo(itemId))
                .body("facilityId", equalTo(facilityId));
        assertProblem(createAt("/api/v1/equipment/" + itemId, TestTokens.admin(), equipment(facilityId, "Valgt skriver")),
                412, "precondition-failed");
    }

    @Test
    void aCreateAtAnIdObeysTheSameRulesAsAPost() {
        String id = UUID.randomUUID().toString();
        // An operator of another centre may not create a facility in this one, at any id.
        String otherOperator = TestTokens.operator("operator-other", "another-centre");
        assertProblem(createAt("/api/v1/facilities/" + id, otherOperator, facility(newCentre()[0])), 403, "forbidden");
        // A taken code is still a 409, and nothing is created at the id.
        String[] existing = newCentre();
        assertProblem(createAt(CENTRES + id, TestTokens.admin(), centre(existing[1])), 409, "duplicate-code");
        given().get(CENTRES + id).then().statusCode(404);
    }

    @Test
    void anUpdateStaysAnUpdate() {
        String id = UUID.randomUUID().toString();
        // Without If-None-Match, a PUT to an unknown id is still 404: only * creates.
        assertProblem(put(CENTRES + id, TestTokens.admin(), null, centre(code("absent"))), 404, "not-found");
    }

    @Test
    void anIfNoneMatchOtherThanStarOrWithIfMatchIs400() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> body = centre(code("bad-precondition"));
        assertProblem(given().contentType("application/json").auth().oauth2(TestTokens.admin())
                .header("If-None-Match", "\"0\"").body(body).put(CENTRES + id).andReturn(), 400, "validation");
        assertProblem(given().contentType("application/json").auth().oauth2(TestTokens.admin())
                .header("If-None-Match", "*").header("If-Match", "\"0\"").body(body).put(CENTRES + id).andReturn(),
                400, "validation");
        given().get(CENTRES + id).then().statusCode(404);
    }

    @Test
    void concurrentCreatesAtOneIdGiveOne201AndOtherwise412() throws Exception {
        String id = UUID.randomUUID().toString();
        String admin = TestTokens.admin();
        String code = code("race-at-id");
        List<Integer> statuses = StartGate.runAtOnce(Collections.nCopies(8,
                () -> createAt(CENTRES + id, admin, centre(code)).statusCode()));
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses::toString);
        assertEquals(7, statuses.stream().filter(s -> s == 412).count(), statuses::toString);
    }
}

package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.createEquipment;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.equipment;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the e2e hostile-input sweep (issue 11) found on the registry: input that cost seconds, held row locks and
 * emptied the connection pool (then 503s and gateway timeouts for everyone), and values that reached PostgreSQL.
 */
@QuarkusTest
class HostileInputTest {

    @Inject
    DataSource dataSource;

    @Test
    void anInvalidUpdateIsRefusedWithoutWaitingForTheRowLock() throws Exception {
        String centreId = newCentre()[0];
        String facilityId = createFacility(facility(centreId));
        String equipmentId = createEquipment(equipment(facilityId, "Fres"));
        Map<String, String> tables = Map.of("centre", "/api/v1/centres/", "facility", "/api/v1/facilities/",
                "equipment", "/api/v1/equipment/");
        Map<String, String> ids = Map.of("centre", centreId, "facility", facilityId, "equipment", equipmentId);
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            for (String table : tables.keySet()) {
                // Another transaction holds the row, as a slow or stuck update would.
                try (PreparedStatement lock = holder.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, UUID.fromString(ids.get(table)));
                    lock.executeQuery();
                }
            }
            for (var e : tables.entrySet()) {
                String path = e.getValue() + ids.get(e.getKey());
                Response r = CompletableFuture.supplyAsync(() -> put(path, TestTokens.admin(), null, Map.of("name", "")))
                        .get(10, TimeUnit.SECONDS);
                assertProblem(r, 400, "validation");
                assertTrue(r.time() < 5_000, () -> path + " waited " + r.time() + " ms for a lock it did not need");
            }
            holder.rollback();
        }
    }

    @Test
    void tenThousandNullsAreRefusedQuicklyNamingTheArray() {
        String facilityId = createFacility(facility(newCentre()[0]));
        Map<String, Object> body = equipment(facilityId, "Fres");
        body.put("capabilities", Collections.nCopies(10_000, null));
        Response r = post("/api/v1/equipment", TestTokens.admin(), body);
        assertProblem(r, 400, "validation");
        r.then().body("errors[0].field", equalTo("capabilities"))
                .body("errors[0].message", equalTo("must have at most 1000 items"));
        assertTrue(r.time() < 3_000, () -> "took " + r.time() + " ms");
    }

    @Test
    void aNulCharacterIsAValidationErrorNamingTheFieldNotADatabaseError() {
        Map<String, Object> body = centre(Fixtures.code("nul"));
        body.put("name", "Senter\u0000");
        post("/api/v1/centres", TestTokens.admin(), body).then().statusCode(400)
                .body("type", equalTo("urn:katapult:problem:validation"))
                .body("errors.field", hasItem("name"))
                .body("errors.message", hasItem("must not contain NUL characters"));
    }

    @Test
    void aYearPastFourDigitsIsAValidationErrorNamingTheField() {
        Map<String, Object> body = centre(Fixtures.code("year"));
        body.put("establishedOn", "+10000-01-01");
        assertProblem(post("/api/v1/centres", TestTokens.admin(), body), 400, "validation")
                .then().body("errors.field", hasItem("establishedOn"));
    }

    @Test
    void aMalformedIdInThePathNamesNoResource() {
        String id = newCentre()[0];
        // Was a 400 "validation" problem without errors: a path segment that is no id names no resource.
        assertProblem(given().urlEncodingEnabled(false).get("/api/v1/centres/" + id + "%00").andReturn(), 404);
        assertProblem(given().get("/api/v1/centres/" + "x".repeat(3000)).andReturn(), 404);
        assertProblem(given().get("/api/v1/facilities/12").andReturn(), 404);
    }
}

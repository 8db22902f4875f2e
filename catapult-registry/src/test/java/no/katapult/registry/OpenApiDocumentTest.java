package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class OpenApiDocumentTest {

    static final Set<String> PUBLIC = Set.of("listCentres", "getCentre", "listFacilities", "getFacility",
            "listEquipment", "getEquipment");
    static final Set<String> SECURED = Set.of("createCentre", "updateCentre", "createFacility", "updateFacility",
            "createEquipment", "updateEquipment", "getOrganisation", "putOrganisation");

    @SuppressWarnings("unchecked")
    @Test
    void everyOperationIsDescribedWithIdSummaryTagSecurityAndProblems() {
        JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertEquals("Norsk katapult – catapult-registry API", doc.getString("info.title"));

        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        Set<String> ids = new HashSet<>();
        for (var path : paths.entrySet()) {
            assertTrue(path.getKey().startsWith("/api/v1/"), path.getKey());
            for (var op : path.getValue().entrySet()) {
                Map<String, Object> operation = op.getValue();
                String id = (String) operation.get("operationId");
                String where = op.getKey() + " " + path.getKey();
                assertNotNull(id, where);
                assertTrue(ids.add(id), "duplicate operationId " + id);
                assertNotNull(operation.get("summary"), where);
                assertFalse(((List<String>) operation.get("tags")).isEmpty(), where);
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
                assertTrue(responses.containsKey("500"), where);
                for (var r : responses.entrySet()) {
                    if (r.getKey().startsWith("4") || r.getKey().startsWith("5")) {
                        Map<String, Object> content = (Map<String, Object>) r.getValue().get("content");
                        assertTrue(content != null && content.containsKey("application/problem+json"),
                                where + " " + r.getKey() + " is a problem");
                    }
                }
                List<Object> security = (List<Object>) operation.get("security");
                if (SECURED.contains(id)) {
                    assertTrue(security != null && !security.isEmpty(), where + " is secured");
                    assertTrue(responses.containsKey("401") && responses.containsKey("403"), where);
                } else {
                    assertTrue(PUBLIC.contains(id), "unexpected operation " + id);
                    assertTrue(security == null || security.isEmpty(), where + " is public");
                }
                if (op.getKey().equals("post") || op.getKey().equals("put")) {
                    Map<String, Object> json = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                            operation.get("requestBody")).get("content")).get("application/json");
                    assertNotNull(json.get("examples"), where + " has request examples");
                    assertExamplesAreJson((Map<String, Object>) json.get("examples"), where);
                    assertTrue(responses.containsKey("400"), where);
                }
                for (var r : responses.entrySet()) {
                    Map<String, Object> content = (Map<String, Object>) r.getValue().get("content");
                    Map<String, Object> json = content == null ? null : (Map<String, Object>) content.get("application/json");
                    if (json != null && json.get("examples") != null) {
                        assertExamplesAreJson((Map<String, Object>) json.get("examples"), where + " " + r.getKey());
                    }
                }
            }
        }
        Set<String> expected = new HashSet<>(PUBLIC);
        expected.addAll(SECURED);
        assertEquals(expected, ids);

        // The documented error answers of the rules in issue 3.
        assertTrue(doc.getMap("paths.'/api/v1/centres'.post.responses").containsKey("409"));
        assertTrue(doc.getMap("paths.'/api/v1/facilities'.post.responses").containsKey("422"));
        assertTrue(doc.getMap("paths.'/api/v1/facilities/{id}'.put.responses").containsKey("412"));
        assertTrue(doc.getMap("paths.'/api/v1/organisations/{orgNo}'.get.responses").containsKey("404"));
        assertNotNull(doc.get("components.schemas.Problem"));
        assertNotNull(doc.get("components.schemas.OpeningHours.properties.MONDAY"));
    }

    /** An example that is not valid JSON would be published as a string: every one must be an object. */
    @SuppressWarnings("unchecked")
    static void assertExamplesAreJson(Map<String, Object> examples, String where) {
        for (var e : examples.entrySet()) {
            Object value = ((Map<String, Object>) e.getValue()).get("value");
            assertTrue(value instanceof Map, where + " example " + e.getKey() + " is a JSON object: " + value);
        }
    }
}

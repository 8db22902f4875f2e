package no.katapult.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 4: the merged contract served by the gateway holds every operation the journeys use. */
class ContractJourneyTest {

    static final List<String> USED = List.of(
            "GET /api/v1/centres", "GET /api/v1/facilities", "GET /api/v1/facilities/{}",
            "PUT /api/v1/organisations/{}", "GET /api/v1/availability",
            "POST /api/v1/bookings", "GET /api/v1/bookings", "GET /api/v1/bookings/{}",
            "POST /api/v1/bookings/{}/confirm", "GET /api/v1/aid/{}",
            "POST /api/v1/calls", "GET /api/v1/calls/{}/ranking",
            "POST /api/v1/applications", "GET /api/v1/applications", "GET /api/v1/applications/{}",
            "PUT /api/v1/applications/{}", "POST /api/v1/applications/{}/submit",
            "PUT /api/v1/applications/{}/reviewers", "PUT /api/v1/applications/{}/reviews/me",
            "GET /api/v1/applications/{}/reviews", "GET /api/v1/applications/{}/assessment",
            "POST /api/v1/applications/{}/decision");

    @Test
    void mergedContractHoldsEveryOperationTheJourneysUse() {
        Response doc = given().get("/q/openapi?format=json");
        assertEquals(200, doc.statusCode(), doc::asString);
        assertTrue(doc.jsonPath().getString("openapi").startsWith("3.1"));
        Map<String, Map<String, Object>> paths = doc.jsonPath().getMap("paths");
        Set<String> operations = paths.entrySet().stream()
                .flatMap(e -> e.getValue().keySet().stream()
                        .map(method -> method.toUpperCase() + " " + e.getKey().replaceAll("\\{[^}]+}", "{}")))
                .collect(Collectors.toSet());
        for (String used : USED) {
            assertTrue(operations.contains(used), "merged contract lacks " + used);
        }
    }
}

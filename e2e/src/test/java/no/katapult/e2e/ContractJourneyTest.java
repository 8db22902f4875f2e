package no.katapult.e2e;

import no.katapult.client.Answer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static no.katapult.e2e.Suite.API;
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
        Answer doc = API.get("/q/openapi").query("format", "json").send();
        assertEquals(200, doc.status(), doc::toString);
        assertTrue(doc.json().path("openapi").asText().startsWith("3.1"));
        Set<String> operations = new HashSet<>();
        doc.json().path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.add(method.toUpperCase() + " " + path.getKey().replaceAll("\\{[^}]+}", "{}"))));
        for (String used : USED) {
            assertTrue(operations.contains(used), "merged contract lacks " + used);
        }
    }
}

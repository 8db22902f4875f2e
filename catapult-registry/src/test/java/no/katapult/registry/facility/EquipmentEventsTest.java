package no.katapult.registry.facility;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.TestTokens;
import no.katapult.registry.RegistryEvents;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.createEquipment;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.equipment;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.money;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.put;

@QuarkusTest
class EquipmentEventsTest {

    static final String EQUIPMENT = "/api/v1/equipment";

    @Test
    void creatingAndUpdatingEquipmentPublishesItsPublicViewForEveryoneInSequence() {
        String facilityId = createFacility(facility(newCentre()[0]));
        RegistryEvents.assertCreatingAndUpdatingPublishes(EQUIPMENT, "equipment", equipment(facilityId, "Laserkutter"),
                body -> {
                    body.put("standardPrice", money("900.00"));
                    body.put("smePrice", money("600.00"));
                }, EquipmentService.CREATED, EquipmentService.UPDATED);
    }

    @Test
    void aRefusedUpdatePublishesNothing() {
        String facilityId = createFacility(facility(newCentre()[0]));
        Map<String, Object> body = equipment(facilityId, "Mikroskop");
        String id = createEquipment(body);

        assertProblem(put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"5\"", body), 412, "precondition-failed");
        Map<String, Object> moved = equipment("00000000-0000-4000-8000-0000000000e1", "Mikroskop");
        assertProblem(put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"0\"", moved), 422, "facility-not-found");
        put(EQUIPMENT + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200);

        RegistryEvents.assertOnlyCreatedAndUpdated("equipment/" + id, EquipmentService.CREATED, EquipmentService.UPDATED);
    }
}

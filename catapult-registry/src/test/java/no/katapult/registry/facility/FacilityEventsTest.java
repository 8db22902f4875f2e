package no.katapult.registry.facility;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.EventFeed;
import no.katapult.common.testing.StartGate;
import no.katapult.common.testing.TestTokens;
import no.katapult.registry.RegistryEvents;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;

import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.createFacility;
import static no.katapult.registry.Fixtures.facility;
import static no.katapult.registry.Fixtures.newCentre;
import static no.katapult.registry.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class FacilityEventsTest {

    static final String FACILITIES = "/api/v1/facilities";

    @Test
    void creatingAndUpdatingAFacilityPublishesItsPublicViewForEveryoneInSequence() {
        RegistryEvents.assertCreatingAndUpdatingPublishes(FACILITIES, "facilities", facility(newCentre()[0]),
                body -> body.put("capacity", 8), FacilityService.CREATED, FacilityService.UPDATED);
    }

    @Test
    void aRefusedUpdatePublishesNothing() {
        Map<String, Object> body = facility(newCentre()[0]);
        String id = createFacility(body);

        assertProblem(put(FACILITIES + "/" + id, TestTokens.admin(), "\"3\"", body), 412, "precondition-failed");
        assertProblem(put(FACILITIES + "/" + id, TestTokens.operator("operator-elsewhere", newCentre()[1]), null, body),
                403);
        Map<String, Object> moved = new LinkedHashMap<>(body);
        moved.put("centreId", "00000000-0000-4000-8000-0000000000c1");
        assertProblem(put(FACILITIES + "/" + id, TestTokens.admin(), "\"0\"", moved), 422, "centre-not-found");
        put(FACILITIES + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200);

        RegistryEvents.assertOnlyCreatedAndUpdated("facilities/" + id, FacilityService.CREATED, FacilityService.UPDATED);
    }

    @Test
    void concurrentUpdatesOfOneFacilityGetConsecutiveSequenceNumbers() throws Exception {
        Map<String, Object> body = facility(newCentre()[0]);
        String id = createFacility(body);
        String admin = TestTokens.admin();
        int writers = 10;
        List<Callable<Integer>> updates = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Map<String, Object> mine = new LinkedHashMap<>(body);
            mine.put("capacity", i + 1);
            updates.add(() -> put(FACILITIES + "/" + id, admin, "*", mine).statusCode());
        }
        // Row-locked updates take turns, so every one is applied.
        assertEquals(Collections.nCopies(writers, 200), StartGate.runAtOnce(updates));

        List<Map<String, Object>> events = EventFeed.await("facilities/" + id, writers + 1);
        assertEquals(LongStream.rangeClosed(1, writers + 1).boxed().toList(), EventFeed.sequences(events));
        // Each event describes the state its own update left: the versions follow the sequence.
        assertEquals(LongStream.range(0, writers + 1).boxed().toList(), events.stream()
                .map(e -> ((Number) ((Map<?, ?>) e.get("data")).get("version")).longValue()).toList());
    }
}

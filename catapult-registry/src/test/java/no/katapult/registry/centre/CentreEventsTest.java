package no.katapult.registry.centre;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.EventFeed;
import no.katapult.common.testing.TestTokens;
import no.katapult.registry.RegistryEvents;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static no.katapult.registry.Fixtures.centre;
import static no.katapult.registry.Fixtures.code;
import static no.katapult.registry.Fixtures.createCentre;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CentreEventsTest {

    static final String CENTRES = "/api/v1/centres";

    @Test
    void creatingAndUpdatingACentrePublishesItsPublicViewForEveryoneInSequence() {
        RegistryEvents.assertCreatingAndUpdatingPublishes(CENTRES, "centres", centre(code("events")),
                body -> body.put("status", "PHASED_OUT"), CentreService.CREATED, CentreService.UPDATED);
    }

    @Test
    void aRefusedCreateOrUpdatePublishesNothing() {
        String code = code("refused");
        Map<String, Object> body = centre(code);
        String id = createCentre(body);
        String other = code("taken");
        createCentre(centre(other));

        assertProblem(post(CENTRES, TestTokens.admin(), centre(code)), 409, "duplicate-code");
        assertProblem(put(CENTRES + "/" + id, TestTokens.admin(), "\"7\"", body), 412, "precondition-failed");
        assertProblem(put(CENTRES + "/" + id, TestTokens.admin(), "\"0\"", centre(other)), 409, "duplicate-code");
        // The next accepted change is the second event: the refused ones used no sequence number either.
        put(CENTRES + "/" + id, TestTokens.admin(), "\"0\"", body).then().statusCode(200);

        RegistryEvents.assertOnlyCreatedAndUpdated("centres/" + id, CentreService.CREATED, CentreService.UPDATED);
        // Positioned after the refused requests ended, so anything they had written would be in the feed by now.
        assertEquals(List.of("centres/" + id, "centres/" + id), EventFeed.all().stream()
                .filter(e -> e.get("data") instanceof Map<?, ?> data && code.equals(data.get("code")))
                .map(e -> e.get("subject")).toList());
    }
}

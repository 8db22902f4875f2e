package no.katapult.registry;

import io.restassured.response.Response;
import no.katapult.common.testing.EventFeed;
import no.katapult.common.testing.TestTokens;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static no.katapult.common.testing.EventFeed.assertSameView;
import static no.katapult.common.testing.EventFeed.await;
import static no.katapult.registry.Fixtures.post;
import static no.katapult.registry.Fixtures.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** What the registry's events must look like in its feed ({@link EventFeed}). */
public final class RegistryEvents {

    public static final String SOURCE = "/katapult/catapult-registry";

    private RegistryEvents() {
    }

    /** The envelope's own fields: what happened to what, in which place of the subject's order, from here. */
    public static void assertEvent(Map<String, Object> event, String type, String subject, long sequence) {
        EventFeed.assertEvent(event, SOURCE, type, subject, sequence);
    }

    /**
     * Creates a catalogue resource at {@code path} as siva-admin, changes it once, and checks its two events:
     * its creation and the update, each carrying the representation that request answered, for everyone
     * alike (the catalogue is public) and about no organisation.
     *
     * @param collection the subject's first part, e.g. {@code centres}
     */
    public static void assertCreatingAndUpdatingPublishes(String path, String collection, Map<String, Object> body,
                                                          Consumer<Map<String, Object>> change, String createdType,
                                                          String updatedType) {
        Response created = post(path, TestTokens.admin(), body);
        created.then().statusCode(201);
        String subject = collection + "/" + created.jsonPath().getString("id");
        change.accept(body);
        Response updated = put(path + "/" + created.jsonPath().getString("id"), TestTokens.admin(), "\"0\"", body);
        updated.then().statusCode(200);

        List<Map<String, Object>> events = await(subject, 2);
        assertEvent(events.get(0), createdType, subject, 1);
        assertEvent(events.get(1), updatedType, subject, 2);
        List<Response> answers = List.of(created, updated);
        for (int i = 0; i < 2; i++) {
            assertSameView(answers.get(i).jsonPath().getMap("$"), events.get(i).get("data"));
            assertSameView(answers.get(i).jsonPath().getMap("$"), events.get(i).get("partnerData"));
            assertFalse(events.get(i).containsKey("orgNo"), events.get(i)::toString);
        }
    }

    /** The subject's events are its creation and one update, in sequence: the refused requests published nothing. */
    public static void assertOnlyCreatedAndUpdated(String subject, String createdType, String updatedType) {
        List<Map<String, Object>> events = await(subject, 2);
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
        assertEquals(List.of(createdType, updatedType), EventFeed.types(events));
    }
}

package no.katapult.application.review;

import no.katapult.common.testing.EventFeed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.application.ApplicationEvents;
import no.katapult.application.Fixtures;
import no.katapult.application.reviewer.ReviewerPoolFixtures;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.EventFeed.assertEvent;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.REVIEWER_ORG;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.assign;
import static no.katapult.application.Fixtures.createSubmitted;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.reviewer;
import static no.katapult.application.Fixtures.unique;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ReviewersAssignedEventTest {

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    /** Assigns reviewers whose organisation is REVIEWER_ORG (given in the body), as siva-admin. */
    static Response assignKnown(String applicationId, String... reviewers) {
        List<String> names = List.of(reviewers);
        return assign(applicationId, "{\"reviewers\": [" + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList())
                + "], \"reviewerOrganisations\": {" + String.join(", ", names.stream()
                .map(n -> "\"" + n + "\": \"" + REVIEWER_ORG + "\"").toList()) + "}}");
    }

    static List<Object> usernames(Map<?, ?> data) {
        return ((List<?>) data.get("reviewers")).stream().<Object>map(r -> ((Map<?, ?>) r).get("username")).toList();
    }

    @Test
    void assigningReviewersPublishesWhoWasNewlyAssignedForNoOneOutsideTheService() {
        String call = openCall("1000000", "200000");
        String id = createSubmitted(sin(), call, "150000", MCB);
        String reference = given().auth().oauth2(sin()).get("/api/v1/applications/" + id).jsonPath().getString("reference");
        String b = unique("reviewer-b");
        String a = unique("reviewer-a");
        String c = unique("reviewer-c");

        OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
        assignKnown(id, b, a).then().statusCode(200);
        // The same set again, then one more, then one fewer: only the newcomer is news.
        assignKnown(id, b, a).then().statusCode(200);
        assignKnown(id, a, b, c).then().statusCode(200);
        assignKnown(id, a, c).then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("applications/" + id, 3);
        assertEvent(events.get(0), Fixtures.EVENT_SOURCE, ApplicationEvents.SUBMITTED, "applications/" + id, 1);

        Map<String, Object> first = events.get(1);
        assertEvent(first, Fixtures.EVENT_SOURCE, ReviewerService.REVIEWERS_ASSIGNED, "applications/" + id, 2);
        Map<?, ?> data = (Map<?, ?>) first.get("data");
        assertEquals(id, data.get("applicationId"));
        assertEquals(reference, data.get("reference"));
        assertEquals("Forprosjekt industriell tjenesteutvikling", data.get("title"));
        assertEquals(List.of(a, b), usernames(data));
        OffsetDateTime assignedAt = OffsetDateTime.parse((String) data.get("assignedAt"));
        assertTrue(assignedAt.isAfter(before) && assignedAt.isBefore(OffsetDateTime.now().plusSeconds(1)), data::toString);
        // Reviews are blind and the event names reviewers: neither partners nor an organisation see it.
        assertFalse(first.containsKey("partnerData"));
        assertFalse(first.containsKey("orgNo"));

        Map<String, Object> second = events.get(2);
        assertEvent(second, Fixtures.EVENT_SOURCE, ReviewerService.REVIEWERS_ASSIGNED, "applications/" + id, 3);
        assertEquals(List.of(c), usernames((Map<?, ?>) second.get("data")));
        assertFalse(second.containsKey("partnerData"));
        assertFalse(second.containsKey("orgNo"));
    }

    @Test
    void aRefusedAssignmentPublishesNothing() {
        String call = openCall("1000000", "200000");
        String id = createSubmitted(sin(), call, "150000", MCB);
        String conflicted = unique("reviewer-mcb");
        assertProblem(assign(id, "{\"reviewers\": [\"" + conflicted + "\"], \"reviewerOrganisations\": {\""
                + conflicted + "\": \"" + MCB + "\"}}"), 409, "conflict-of-interest");
        assertProblem(assign(id, "{\"reviewers\": [\"" + unique("reviewer-unknown") + "\"]}"), 422,
                "reviewer-organisation-unknown");
        String ok = unique("reviewer");
        assignKnown(id, ok).then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("applications/" + id, 2);
        assertEquals(List.of(1L, 2L), EventFeed.sequences(events));
        assertEquals(List.of(ok), usernames((Map<?, ?>) events.get(1).get("data")));
    }

    @Test
    void theEventSaysWhereToTellEachReviewerFromThePoolElseFromTheirLastToken() {
        String call = openCall("1000000", "200000");
        String id = createSubmitted(sin(), call, "150000", MCB);
        // In the pool with an address and a locale, never signed in.
        String pooled = unique("reviewer-pool");
        ReviewerPoolFixtures.put(pooled, ReviewerPoolFixtures.body("Kari Nordmann", pooled + "@example.no", "en",
                List.of(REVIEWER_ORG), List.of())).then().statusCode(201);
        // In the pool without a locale: the token's locale, but the pool's address.
        String mixed = unique("reviewer-mixed");
        ReviewerPoolFixtures.put(mixed, ReviewerPoolFixtures.body("Ola Nordmann", mixed + "@pool.example.no", null,
                List.of(REVIEWER_ORG), List.of())).then().statusCode(201);
        given().auth().oauth2(reviewer(mixed, REVIEWER_ORG, mixed + "@token.example.no", "en-GB"))
                .get("/api/v1/calls").then().statusCode(200);
        // Not in the pool: what their last token said (the first token's address is superseded).
        String tokenOnly = unique("reviewer-token");
        given().auth().oauth2(reviewer(tokenOnly, REVIEWER_ORG, tokenOnly + "@old.example.no", "en"))
                .get("/api/v1/calls").then().statusCode(200);
        given().auth().oauth2(reviewer(tokenOnly, REVIEWER_ORG, tokenOnly + "@example.no", "nb"))
                .get("/api/v1/calls").then().statusCode(200);

        assign(id, "{\"reviewers\": [\"" + pooled + "\", \"" + mixed + "\", \"" + tokenOnly + "\"]}")
                .then().statusCode(200);

        Map<String, Object> event = EventFeed.await("applications/" + id, 2).get(1);
        assertEvent(event, Fixtures.EVENT_SOURCE, ReviewerService.REVIEWERS_ASSIGNED, "applications/" + id, 2);
        Map<Object, Map<?, ?>> byName = new java.util.HashMap<>();
        ((List<?>) ((Map<?, ?>) event.get("data")).get("reviewers"))
                .forEach(r -> byName.put(((Map<?, ?>) r).get("username"), (Map<?, ?>) r));
        assertEquals(Map.of("username", pooled, "name", "Kari Nordmann", "email", pooled + "@example.no",
                "locale", "en"), byName.get(pooled));
        assertEquals(Map.of("username", mixed, "name", "Ola Nordmann", "email", mixed + "@pool.example.no",
                "locale", "en-GB"), byName.get(mixed));
        assertEquals(tokenOnly + "@example.no", byName.get(tokenOnly).get("email"));
        assertEquals("nb", byName.get(tokenOnly).get("locale"));
        assertEquals(null, byName.get(tokenOnly).get("name"));
    }
}

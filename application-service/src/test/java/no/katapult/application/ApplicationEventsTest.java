package no.katapult.application;

import no.katapult.common.testing.EventFeed;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.common.testing.MutableClock;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.EventFeed.assertEvent;
import static no.katapult.common.testing.EventFeed.assertSameView;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.applicationJson;
import static no.katapult.application.Fixtures.approval;
import static no.katapult.application.Fixtures.createDraft;
import static no.katapult.application.Fixtures.createUnderReview;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.partner;
import static no.katapult.application.Fixtures.post;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
class ApplicationEventsTest {

    static final String APPS = "/api/v1/applications";
    static final String REVIEWERS_ASSIGNED = "no.katapult.application.reviewers-assigned";

    /** What PublicApplicationView holds: nothing about budget, reviews, contact or the decision's reasoning. */
    static final Set<String> PUBLIC_FIELDS = Set.of("id", "reference", "callId", "callTitle", "title", "leadApplicant",
            "partners", "outcome", "grantedAmount", "decidedAt");

    @Inject
    MutableClock clock;

    // The event carries the view the action answered, whose times come from the clock in nanoseconds, while a
    // later read has them from PostgreSQL in microseconds. A clock on a whole second lets one compare both.
    @BeforeEach
    void wholeSecondClock() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    static Response decide(String id, String body) {
        return given().auth().oauth2(admin()).contentType("application/json").body(body)
                .post(APPS + "/" + id + "/decision").andReturn();
    }

    static List<Object> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> e.get("type")).toList();
    }

    @Test
    void submittingAndWithdrawingPublishTheFullViewForTheLeadOrganisationOnly() {
        String call = openCall("1000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "150000", "10000", MCB));
        Fixtures.attachProjectDescription(sin(), id);
        Response submitted = post(sin(), APPS + "/" + id + "/submit", null);
        submitted.then().statusCode(200);
        Response withdrawn = post(sin(), APPS + "/" + id + "/withdraw", "{\"comment\": \"Neste runde\"}");
        withdrawn.then().statusCode(200);

        // A draft is nobody's business but its own: creating and editing one publishes nothing.
        List<Map<String, Object>> events = EventFeed.await("applications/" + id, 2);
        assertEvent(events.get(0), Fixtures.EVENT_SOURCE, ApplicationEvents.SUBMITTED, "applications/" + id, 1);
        assertSameView(submitted.jsonPath().getMap("$"), events.get(0).get("data"));
        assertFalse(events.get(0).containsKey("partnerData"));
        assertEquals(SIN, events.get(0).get("orgNo"));

        assertEvent(events.get(1), Fixtures.EVENT_SOURCE, ApplicationEvents.WITHDRAWN, "applications/" + id, 2);
        assertSameView(withdrawn.jsonPath().getMap("$"), events.get(1).get("data"));
        assertSameView(given().auth().oauth2(admin()).get(APPS + "/" + id).jsonPath().getMap("$"),
                events.get(1).get("data"));
        assertFalse(events.get(1).containsKey("partnerData"));
        assertEquals(SIN, events.get(1).get("orgNo"));
    }

    @Test
    void aDecisionIsPublishedInFullAndToPartnersWithThePublicFieldsOnly() {
        String call = openCall("1000000", "200000");
        String id = createUnderReview(sin(), call, "150000", MCB);
        Response decided = decide(id, approval("140000"));
        decided.then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("applications/" + id, 3);
        assertEquals(List.of(ApplicationEvents.SUBMITTED, REVIEWERS_ASSIGNED, ApplicationEvents.DECIDED), types(events));
        Map<String, Object> event = events.get(2);
        assertEvent(event, Fixtures.EVENT_SOURCE, ApplicationEvents.DECIDED, "applications/" + id, 3);
        assertSameView(decided.jsonPath().getMap("$"), event.get("data"));
        assertEquals(SIN, event.get("orgNo"));

        @SuppressWarnings("unchecked")
        Map<String, Object> partnerData = (Map<String, Object>) event.get("partnerData");
        assertEquals(PUBLIC_FIELDS, partnerData.keySet());
        // Exactly what a partner reads from the API, and nothing of the full view's private fields.
        assertSameView(given().auth().oauth2(partner()).get(APPS + "/" + id).then().statusCode(200).extract()
                .jsonPath().getMap("$"), partnerData);
        for (String hidden : List.of("summary", "budgetLines", "requestedAmount", "ownFunding", "contactPerson",
                "decision", "status", "version", "createdAt", "updatedAt", "submittedAt", "submittedBy")) {
            assertFalse(partnerData.containsKey(hidden), hidden);
        }
        assertFalse(partnerData.toString().contains("Godt prosjekt"), "the justification is not public");
        assertFalse(partnerData.toString().contains("Sluttrapport"), "the conditions are not public");
    }

    @Test
    void theSubmitterFromTheTokenAndTheContactPersonAreInTheFullEventsForTheMailsButNotForPartners() {
        String call = openCall("1000000", "200000");
        String submitter = TestTokens.user("applicant-mail", "applicant").orgNo(SIN)
                .email("applicant-mail@demo.katapult.no").locale("en").sign();
        String id = createDraft(sin(), applicationJson(call, "150000", "10000", MCB));
        Fixtures.attachProjectDescription(sin(), id);
        // Another user of the lead organisation submits: the submitter is who submitted, not who created.
        post(submitter, APPS + "/" + id + "/submit", null).then().statusCode(200)
                .body("submittedBy.username", org.hamcrest.Matchers.equalTo("applicant-mail"));
        String reviewer = Fixtures.unique("reviewer");
        Fixtures.assign(id, "{\"reviewers\": [\"" + reviewer + "\"], \"reviewerOrganisations\": {\"" + reviewer + "\": \""
                + Fixtures.REVIEWER_ORG + "\"}}").then().statusCode(200);
        decide(id, approval("140000")).then().statusCode(200);

        // submitted, reviewers-assigned (a new reviewer) and decided; the mails need the first and the last.
        List<Map<String, Object>> events = EventFeed.await("applications/" + id, 3).stream()
                .filter(e -> !REVIEWERS_ASSIGNED.equals(e.get("type"))).toList();
        assertEquals(List.of(ApplicationEvents.SUBMITTED, ApplicationEvents.DECIDED), types(events));
        for (Map<String, Object> event : events) {
            Map<?, ?> data = (Map<?, ?>) event.get("data");
            assertEquals(Map.of("username", "applicant-mail", "email", "applicant-mail@demo.katapult.no", "locale", "en"),
                    data.get("submittedBy"), event.get("type").toString());
            assertEquals(Map.of("name", "Siri Nilsen", "email", "siri@example.no"), data.get("contactPerson"));
        }
        Map<?, ?> partnerData = (Map<?, ?>) events.get(1).get("partnerData");
        assertEquals(PUBLIC_FIELDS, partnerData.keySet());
        assertFalse(partnerData.toString().contains("@"), "no address reaches partners: " + partnerData);

        // A token without the claims: no address, bokmål.
        String plain = Fixtures.createSubmitted(sin(), call, "100000");
        Map<?, ?> data = (Map<?, ?>) EventFeed.await("applications/" + plain, 1).get(0).get("data");
        Map<?, ?> submittedBy = (Map<?, ?>) data.get("submittedBy");
        assertEquals("applicant-sin", submittedBy.get("username"));
        assertEquals(null, submittedBy.get("email"));
        assertEquals("nb", submittedBy.get("locale"));
    }

    @Test
    void aRefusedTransitionPublishesNothing() {
        String call = openCall("300000", "200000");
        String incomplete = createDraft(sin(), "{\"callId\": \"" + call + "\"}");
        assertProblem(post(sin(), APPS + "/" + incomplete + "/submit", null), 422, "incomplete-application");

        String first = createUnderReview(sin(), call, "200000");
        String second = createUnderReview(sin(), call, "200000");
        decide(first, approval("200000")).then().statusCode(200);
        assertProblem(decide(second, approval("150000")), 422, "budget-exceeded");
        assertProblem(post(sin(), APPS + "/" + first + "/withdraw", null), 409, "illegal-transition");
        assertProblem(given().auth().oauth2(sin()).header("If-Match", "\"0\"")
                .post(APPS + "/" + second + "/withdraw").andReturn(), 412, "precondition-failed");
        // The next accepted change follows without a gap: the refused ones used no sequence number.
        decide(second, "{\"outcome\": \"REJECTED\", \"justification\": \"Budsjettet er brukt opp\"}")
                .then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("applications/" + second, 3);
        assertEquals(List.of(1L, 2L, 3L), EventFeed.sequences(events));
        assertEquals(List.of(ApplicationEvents.SUBMITTED, REVIEWERS_ASSIGNED, ApplicationEvents.DECIDED), types(events));
        assertEquals("REJECTED", ((Map<?, ?>) events.get(2).get("data")).get("status"));
        // Positioned after the refused requests ended, so anything they had written would be in the feed by now.
        assertEquals(List.of(ApplicationEvents.SUBMITTED, REVIEWERS_ASSIGNED, ApplicationEvents.DECIDED),
                types(EventFeed.of("applications/" + first)));
        assertEquals(List.of(), EventFeed.of("applications/" + incomplete));
    }

    @Test
    void creatingAndEditingADraftPublishNothing() {
        String call = openCall("1000000", "200000");
        String id = createDraft(sin(), applicationJson(call, "100000", "0"));
        given().auth().oauth2(sin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(applicationJson(call, "120000", "0")).put(APPS + "/" + id).then().statusCode(200);
        // Attaching is editing a draft too: no event.
        Fixtures.attachProjectDescription(sin(), id);
        post(sin(), APPS + "/" + id + "/submit", null).then().statusCode(200);

        List<Map<String, Object>> events = EventFeed.await("applications/" + id, 1);
        assertEvent(events.get(0), Fixtures.EVENT_SOURCE, ApplicationEvents.SUBMITTED, "applications/" + id, 1);
    }
}

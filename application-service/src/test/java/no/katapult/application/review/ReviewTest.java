package no.katapult.application.review;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.application.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.PROTOMORE;
import static no.katapult.application.Fixtures.REVIEWER_ORG;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.applicationJson;
import static no.katapult.application.Fixtures.assign;
import static no.katapult.application.Fixtures.createDraft;
import static no.katapult.application.Fixtures.createSubmitted;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.reviewer;
import static no.katapult.application.Fixtures.unique;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ReviewTest {

    static final String APPS = "/api/v1/applications";

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    static String reviewers(String... names) {
        return "{\"reviewers\": [" + String.join(", ", List.of(names).stream().map(n -> "\"" + n + "\"").toList()) + "]}";
    }

    /** Makes the reviewer appear with a token, which records their org_no. */
    static void appear(String username, String orgNo) {
        given().auth().oauth2(reviewer(username, orgNo)).get("/api/v1/calls").then().statusCode(200);
    }

    /** A fresh reviewer whose organisation (REVIEWER_ORG) is known from their token. */
    static String knownReviewer() {
        String username = unique("reviewer");
        appear(username, REVIEWER_ORG);
        return username;
    }

    static Response review(String username, String orgNo, String applicationId, String body) {
        return given().auth().oauth2(reviewer(username, orgNo)).contentType("application/json").body(body)
                .put(APPS + "/" + applicationId + "/reviews/me").andReturn();
    }

    static String scores(int relevance, int impact, int implementation, String recommendation) {
        return "{\"scores\": {\"relevance\": " + relevance + ", \"impact\": " + impact + ", \"implementation\": "
                + implementation + "}, \"comment\": \"Vurdering\", \"recommendation\": \"" + recommendation + "\"}";
    }

    @Test
    void firstAssignmentMovesToUnderReviewAndChangesAreRecorded() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000", MCB);
        String r1 = knownReviewer();
        String r2 = knownReviewer();

        assign(id, reviewers(r1)).then().statusCode(200)
                .body("status", equalTo("UNDER_REVIEW"))
                .body("reviewers", contains(r1))
                .body("assignments[0].orgNos", contains(REVIEWER_ORG))
                .body("assignments[0].assignedBy", equalTo("siva-admin"));
        given().auth().oauth2(sin()).get(APPS + "/" + id).then().body("status", equalTo("UNDER_REVIEW"));
        assign(id, reviewers(r1, r2)).then().statusCode(200).body("reviewers", containsInAnyOrder(r1, r2));
        given().auth().oauth2(admin()).get(APPS + "/" + id + "/reviewers").then().statusCode(200)
                .body("reviewers", containsInAnyOrder(r1, r2));

        given().auth().oauth2(sin()).get(APPS + "/" + id + "/history").then()
                .body("items.action", contains("CREATE", "ADD_ATTACHMENT", "SUBMIT", "ASSIGN_REVIEWERS", "CHANGE_REVIEWERS"))
                .body("items[3].fromStatus", equalTo("SUBMITTED"))
                .body("items[3].toStatus", equalTo("UNDER_REVIEW"))
                .body("items[3].actor", equalTo("siva-admin"))
                // Reviews are blind: applicants never learn who reviews them.
                .body("items.comment", org.hamcrest.Matchers.not(hasItem(containsString(r1))));
        // An assigned reviewer now sees the application.
        given().auth().oauth2(reviewer(r2, REVIEWER_ORG)).get(APPS + "/" + id).then().statusCode(200);
        given().auth().oauth2(reviewer(r2, REVIEWER_ORG)).get(APPS + "?callId=" + call).then()
                .body("items.id", contains(id));

        // The lead may still withdraw while under review; reviewing then stops.
        Fixtures.post(sin(), APPS + "/" + id + "/withdraw", null).then().statusCode(200)
                .body("status", equalTo("WITHDRAWN"));
        assertProblem(review(r2, REVIEWER_ORG, id, scores(5, 5, 5, "APPROVE")), 409, "illegal-transition");
        given().auth().oauth2(sin()).get(APPS + "/" + id + "/history").then()
                .body("items[-1].fromStatus", equalTo("UNDER_REVIEW"))
                .body("items[-1].toStatus", equalTo("WITHDRAWN"));
    }

    @Test
    void aReviewerFromAPartnerOrganisationIsAConflictOfInterest() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000", MCB, PROTOMORE);
        String fromMcb = unique("reviewer");
        appear(fromMcb, MCB);
        String clean = knownReviewer();

        assertProblem(assign(id, reviewers(clean, fromMcb)), 409, "conflict-of-interest")
                .then().body("detail", containsString(fromMcb))
                .body("detail", containsString(MCB))
                .body("conflicts[0].reviewer", equalTo(fromMcb))
                .body("conflicts[0].orgNo", equalTo(MCB))
                .body("conflicts[0].party", containsString("partner"));
        given().auth().oauth2(admin()).get(APPS + "/" + id).then().body("status", equalTo("SUBMITTED"));
        assign(id, reviewers(clean)).then().statusCode(200);
    }

    @Test
    void theOrganisationGivenInTheAssignmentIsCheckedAndRecorded() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000", MCB);
        String newcomer = unique("reviewer");

        // Neither in the pool nor seen: the problem says how to add them (and still names the deprecated way).
        assertProblem(assign(id, reviewers(newcomer)), 422, "reviewer-organisation-unknown")
                .then().body("errors[0].field", equalTo("reviewers[0]"))
                .body("errors[0].message", containsString("PUT /api/v1/reviewers/" + newcomer))
                .body("detail", containsString("PUT /api/v1/reviewers/" + newcomer))
                .body("detail", containsString("reviewerOrganisations"));
        assertProblem(assign(id, "{\"reviewers\": [\"" + newcomer + "\"], \"reviewerOrganisations\": {\""
                + newcomer + "\": \"" + SIN + "\"}}"), 409, "conflict-of-interest")
                .then().body("conflicts[0].party", equalTo("lead applicant"));
        assign(id, "{\"reviewers\": [\"" + newcomer + "\"], \"reviewerOrganisations\": {\""
                + newcomer + "\": \"" + REVIEWER_ORG + "\"}}").then().statusCode(200)
                .body("assignments[0].orgNos", contains(REVIEWER_ORG));

        // A token that later shows a conflicting employer is caught when the reviewer writes.
        assertProblem(review(newcomer, MCB, id, scores(5, 5, 5, "APPROVE")), 409, "conflict-of-interest");
    }

    @Test
    void assignmentInputIsValidated() {
        String call = openCall("2000000", "200000");
        String draft = createDraft(sin(), applicationJson(call, "100000", "0"));
        String r = knownReviewer();
        assertProblem(assign(draft, reviewers(r)), 409, "illegal-transition")
                .then().body("allowedFrom", containsInAnyOrder("SUBMITTED", "UNDER_REVIEW"));

        String id = createSubmitted(sin(), call, "100000");
        assertProblem(assign(id, "{\"reviewers\": []}"), 400, "validation")
                .then().body("errors[0].field", equalTo("reviewers"));
        assertProblem(assign(id, reviewers(r, r)), 400, "validation")
                .then().body("errors[0].field", equalTo("reviewers[1]"));
        assertProblem(assign(id, "{\"reviewers\": [\"" + r + "\"], \"reviewerOrganisations\": {\"" + r
                + "\": \"123456789\"}}"), 400, "validation");
        assertProblem(assign(id, "{\"reviewers\": [\"" + r + "\"], \"reviewerOrganisations\": {\"someone-else\": \""
                + REVIEWER_ORG + "\"}}"), 400, "validation")
                .then().body("errors[0].field", equalTo("reviewerOrganisations.someone-else"));
        assertProblem(given().auth().oauth2(sin()).contentType("application/json").body(reviewers(r))
                .put(APPS + "/" + id + "/reviewers").andReturn(), 403);
    }

    @Test
    void reviewsScoreEveryCriterion1To7() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000");
        String r = knownReviewer();
        String outsider = unique("reviewer");
        assign(id, reviewers(r)).then().statusCode(200);

        assertProblem(review(outsider, REVIEWER_ORG, id, scores(5, 5, 5, "APPROVE")), 404);
        assertProblem(review(r, REVIEWER_ORG, id, scores(8, 0, 5, "APPROVE")), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("scores.relevance", "scores.impact"));
        assertProblem(review(r, REVIEWER_ORG, id, scores(5, 5, 5, "APPROVE").replace("\"impact\": 5", "\"impact\": 5.5")),
                400, "validation").then().body("errors[0].field", equalTo("scores.impact"));
        assertProblem(review(r, REVIEWER_ORG, id, scores(5, 5, 5, "APPROVE").replace("\"impact\"", "\"beauty\"")),
                400, "validation").then().body("errors[0].field", equalTo("scores.beauty"));
        assertProblem(review(r, REVIEWER_ORG, id,
                "{\"scores\": {\"relevance\": 6}, \"recommendation\": \"APPROVE\"}"), 422, "incomplete-review")
                .then().body("errors.field", containsInAnyOrder("scores.impact", "scores.implementation"));
        assertProblem(review(r, REVIEWER_ORG, id, scores(5, 5, 5, "MAYBE")), 400, "validation");

        review(r, REVIEWER_ORG, id, scores(6, 5, 4, "APPROVE")).then().statusCode(200)
                .body("reviewer", equalTo(r))
                .body("scores.relevance", equalTo(6))
                .body("weightedTotal", equalTo(5.33f));
        // Writing again replaces the review.
        review(r, REVIEWER_ORG, id, scores(7, 7, 7, "APPROVE")).then().statusCode(200)
                .body("weightedTotal", equalTo(7.0f)).body("version", equalTo(1));
        given().auth().oauth2(reviewer(r, REVIEWER_ORG)).get(APPS + "/" + id + "/reviews/me").then()
                .statusCode(200).body("scores.impact", equalTo(7));
    }

    @Test
    void adminSeesAllReviewsAndAReviewerOnlyTheirOwn() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000");
        String r1 = knownReviewer();
        String r2 = knownReviewer();
        assign(id, reviewers(r1, r2)).then().statusCode(200);
        review(r1, REVIEWER_ORG, id, scores(7, 7, 7, "APPROVE")).then().statusCode(200);
        review(r2, REVIEWER_ORG, id, scores(4, 5, 6, "REJECT")).then().statusCode(200);

        given().auth().oauth2(admin()).get(APPS + "/" + id + "/reviews").then().statusCode(200)
                .body("items.reviewer", containsInAnyOrder(r1, r2));
        given().auth().oauth2(reviewer(r1, REVIEWER_ORG)).get(APPS + "/" + id + "/reviews").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].reviewer", equalTo(r1));
        assertProblem(given().auth().oauth2(reviewer(unique("reviewer"), REVIEWER_ORG))
                .get(APPS + "/" + id + "/reviews").andReturn(), 404);
        assertProblem(given().auth().oauth2(sin()).get(APPS + "/" + id + "/reviews").andReturn(), 403);
        assertProblem(given().auth().oauth2(sin()).get(APPS + "/" + id + "/assessment").andReturn(), 403);
    }

    @Test
    void assessmentGivesMeansSpreadsWeightedTotalAndDisagreement() {
        String call = openCall("2000000", "200000");
        String split = createSubmitted(sin(), call, "100000");
        String agreed = createSubmitted(sin(), call, "100000");
        String edge = createSubmitted(sin(), call, "100000");
        String r1 = knownReviewer();
        String r2 = knownReviewer();
        for (String id : List.of(split, agreed, edge)) {
            assign(id, reviewers(r1, r2)).then().statusCode(200);
        }
        // split: totals 7 and (4*3 + 5*2 + 6*1) / 6 = 4.67 -> 2.33 apart
        review(r1, REVIEWER_ORG, split, scores(7, 7, 7, "APPROVE"));
        review(r2, REVIEWER_ORG, split, scores(4, 5, 6, "REJECT"));
        // agreed: totals 6 and 5 -> 1 apart
        review(r1, REVIEWER_ORG, agreed, scores(6, 6, 6, "APPROVE"));
        review(r2, REVIEWER_ORG, agreed, scores(5, 5, 5, "APPROVE"));
        // edge: totals 6 and 4 -> exactly 2 apart, which counts
        review(r1, REVIEWER_ORG, edge, scores(6, 6, 6, "APPROVE"));
        review(r2, REVIEWER_ORG, edge, scores(4, 4, 4, "UNSURE"));

        given().auth().oauth2(admin()).get(APPS + "/" + split + "/assessment").then().statusCode(200)
                .body("reviewCount", equalTo(2))
                .body("criteria[0].code", equalTo("relevance"))
                .body("criteria[0].mean", equalTo(5.5f))
                .body("criteria[0].spread", equalTo(3))
                .body("criteria[1].mean", equalTo(6.0f))
                .body("criteria[1].spread", equalTo(2))
                .body("criteria[2].spread", equalTo(1))
                .body("weightedTotal", equalTo(5.83f))
                .body("disagreement", equalTo(true))
                .body("recommendations.APPROVE", equalTo(1))
                .body("recommendations.REJECT", equalTo(1))
                .body("reviews.weightedTotal", containsInAnyOrder(7.0f, 4.67f));
        given().auth().oauth2(admin()).get(APPS + "/" + agreed + "/assessment").then()
                .body("weightedTotal", equalTo(5.5f)).body("disagreement", equalTo(false));
        given().auth().oauth2(admin()).get(APPS + "/" + edge + "/assessment").then()
                .body("weightedTotal", equalTo(5.0f)).body("disagreement", equalTo(true));

        // Ranking: best weighted total first; an application under review without reviews comes last.
        String unreviewed = createSubmitted(sin(), call, "100000");
        assign(unreviewed, reviewers(r1)).then().statusCode(200);
        createSubmitted(sin(), call, "100000"); // submitted, not under review: not ranked
        given().auth().oauth2(admin()).get("/api/v1/calls/" + call + "/ranking").then().statusCode(200)
                .body("items.applicationId", contains(split, agreed, edge, unreviewed))
                .body("items.rank", contains(1, 2, 3, 4))
                .body("items[0].weightedTotal", equalTo(5.83f))
                .body("items[3].weightedTotal", nullValue())
                .body("total", equalTo(4));
        assertProblem(given().auth().oauth2(reviewer(r1, REVIEWER_ORG)).get("/api/v1/calls/" + call + "/ranking")
                .andReturn(), 403);
    }

    @Test
    void noReviewsAfterTheDecisionAndNoCriteriaChangesAfterReviews() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000");
        String r = knownReviewer();
        assign(id, reviewers(r)).then().statusCode(200);
        review(r, REVIEWER_ORG, id, scores(5, 5, 5, "APPROVE")).then().statusCode(200);

        assertProblem(assign(id, reviewers(unique("reviewer-x"))), 422); // unknown org before anything else changes
        String other = knownReviewer();
        assertProblem(assign(id, reviewers(other)), 409, "reviewer-has-reviewed");

        String callJson = given().auth().oauth2(admin()).get("/api/v1/calls/" + call).asString();
        String changed = callJson.replace("\"weight\":3", "\"weight\":4");
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").body(changed)
                .put("/api/v1/calls/" + call).andReturn(), 409, "criteria-locked");

        given().auth().oauth2(admin()).contentType("application/json").body(Fixtures.approval("100000"))
                .post(APPS + "/" + id + "/decision").then().statusCode(200);
        assertProblem(review(r, REVIEWER_ORG, id, scores(6, 6, 6, "APPROVE")), 409, "illegal-transition");
    }
}

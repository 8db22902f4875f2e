package no.katapult.application.review;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.application.reviewer.ReviewerPoolFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.OTHER_ORG;
import static no.katapult.application.Fixtures.PROTOMORE;
import static no.katapult.application.Fixtures.REVIEWER_ORG;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.assign;
import static no.katapult.application.Fixtures.createSubmitted;
import static no.katapult.application.Fixtures.openCall;
import static no.katapult.application.Fixtures.reviewer;
import static no.katapult.application.Fixtures.unique;
import static no.katapult.application.reviewer.ReviewerPoolFixtures.pooled;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Assignment with the reviewer pool: before the first sign-in, and every recorded conflict of interest. */
@QuarkusTest
class PoolAssignmentTest {

    static final String APPS = "/api/v1/applications";

    static String sin() {
        return applicant("applicant-sin", SIN);
    }

    static String reviewers(String... names) {
        return "{\"reviewers\": " + ReviewerPoolFixtures.json(List.of(names)) + "}";
    }

    @Test
    void aReviewerInThePoolIsAssignedBeforeTheirFirstSignIn() {
        String id = createSubmitted(sin(), openCall("2000000", "200000"), "100000", MCB);
        String newcomer = pooled(REVIEWER_ORG);

        assign(id, reviewers(newcomer)).then().statusCode(200)
                .body("status", equalTo("UNDER_REVIEW")).body("reviewers", contains(newcomer))
                .body("assignments[0].inPool", equalTo(true))
                .body("assignments[0].orgNos", contains(REVIEWER_ORG));
        // Their first sign-in finds the application, and they may review it.
        given().auth().oauth2(reviewer(newcomer, REVIEWER_ORG)).get(APPS + "/" + id).then().statusCode(200);
    }

    @Test
    void aConflictListedInThePoolIsRefusedWith409NamingReviewerAndOrganisation() {
        String id = createSubmitted(sin(), openCall("2000000", "200000"), "100000", MCB);
        String listed = pooled(REVIEWER_ORG, SIN);
        String worksForPartner = pooled(MCB);
        String clean = pooled(REVIEWER_ORG, OTHER_ORG);

        assertProblem(assign(id, reviewers(clean, listed)), 409, "conflict-of-interest")
                .then().body("detail", containsString(listed + " has a conflict of interest with " + SIN))
                .body("detail", containsString("reviewer pool record"))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].reviewer", equalTo(listed)).body("conflicts[0].orgNo", equalTo(SIN))
                .body("conflicts[0].party", equalTo("lead applicant"))
                .body("conflicts[0].tie", equalTo("CONFLICT")).body("conflicts[0].source", equalTo("POOL_CONFLICT"));
        assertProblem(assign(id, reviewers(worksForPartner)), 409, "conflict-of-interest")
                .then().body("detail", containsString(worksForPartner + " belongs to " + MCB))
                .body("conflicts[0].party", containsString("partner"))
                .body("conflicts[0].source", equalTo("POOL_ORGANISATION"));
        given().auth().oauth2(admin()).get(APPS + "/" + id).then().body("status", equalTo("SUBMITTED"));
        assign(id, reviewers(clean)).then().statusCode(200);
    }

    @Test
    void aConflictTheReviewerDeclaredIsRefusedAtAssignmentAndAtReview() {
        String call = openCall("2000000", "200000");
        String id = createSubmitted(sin(), call, "100000", PROTOMORE);
        String r = pooled(REVIEWER_ORG);
        given().auth().oauth2(reviewer(r, REVIEWER_ORG)).contentType("application/json")
                .body("{\"conflicts\": [\"" + PROTOMORE + "\"]}").put("/api/v1/reviewers/me/conflicts")
                .then().statusCode(200);
        assertProblem(assign(id, reviewers(r)), 409, "conflict-of-interest")
                .then().body("conflicts[0].reviewer", equalTo(r)).body("conflicts[0].orgNo", equalTo(PROTOMORE))
                .body("conflicts[0].source", equalTo("DECLARED"))
                .body("detail", containsString("their own declaration"));

        // Declared after the assignment: the review is refused instead.
        String other = createSubmitted(sin(), call, "100000", MCB);
        String late = pooled(REVIEWER_ORG);
        assign(other, reviewers(late)).then().statusCode(200);
        given().auth().oauth2(reviewer(late, REVIEWER_ORG)).contentType("application/json")
                .body("{\"conflicts\": [\"" + MCB + "\"]}").put("/api/v1/reviewers/me/conflicts")
                .then().statusCode(200);
        assertProblem(given().auth().oauth2(reviewer(late, REVIEWER_ORG)).contentType("application/json")
                .body("{\"scores\": {\"relevance\": 5, \"impact\": 5, \"implementation\": 5}, \"comment\": \"Bra\", "
                        + "\"recommendation\": \"APPROVE\"}")
                .put(APPS + "/" + other + "/reviews/me").andReturn(), 409, "conflict-of-interest");
    }

    @Test
    void aTokenSeenLaterStillCountsForAPoolReviewer() {
        String id = createSubmitted(sin(), openCall("2000000", "200000"), "100000", MCB);
        String r = pooled(REVIEWER_ORG);
        // The pool says REVIEWER_ORG, but their token says they work for the lead now.
        given().auth().oauth2(reviewer(r, SIN)).get("/api/v1/calls").then().statusCode(200);
        assertProblem(assign(id, reviewers(r)), 409, "conflict-of-interest")
                .then().body("conflicts[0].orgNo", equalTo(SIN)).body("conflicts[0].source", equalTo("TOKEN"));
    }

    @Test
    void aReviewerNeitherInThePoolNorSeenIs422SayingHowToAddThem_andTheDeprecatedMapStillWorks() {
        String id = createSubmitted(sin(), openCall("2000000", "200000"), "100000", MCB);
        String known = pooled(REVIEWER_ORG);
        String stranger = unique("reviewer-stranger");
        assertProblem(assign(id, reviewers(known, stranger)), 422, "reviewer-organisation-unknown")
                .then().body("errors[0].field", equalTo("reviewers[1]"))
                .body("errors[0].message", containsString("PUT /api/v1/reviewers/" + stranger))
                .body("reviewers", contains(stranger))
                .body("detail", containsString("PUT /api/v1/reviewers/" + stranger));

        // Removed from the pool and never signed in: unknown again.
        given().auth().oauth2(admin()).delete("/api/v1/reviewers/" + known).then().statusCode(204);
        assertProblem(assign(id, reviewers(known)), 422, "reviewer-organisation-unknown");

        // Deprecated, still honoured: the org_no given in the assignment.
        assign(id, "{\"reviewers\": [\"" + stranger + "\"], \"reviewerOrganisations\": {\"" + stranger + "\": \""
                + REVIEWER_ORG + "\"}}").then().statusCode(200)
                .body("assignments[0].orgNos", contains(REVIEWER_ORG)).body("assignments[0].inPool", equalTo(false));
    }
}

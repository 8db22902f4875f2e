package no.katapult.application.reviewer;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.application.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static io.restassured.RestAssured.given;
import static no.katapult.application.Fixtures.MCB;
import static no.katapult.application.Fixtures.OTHER_ORG;
import static no.katapult.application.Fixtures.REVIEWER_ORG;
import static no.katapult.application.Fixtures.SIN;
import static no.katapult.application.Fixtures.admin;
import static no.katapult.application.Fixtures.applicant;
import static no.katapult.application.Fixtures.reviewer;
import static no.katapult.application.Fixtures.unique;
import static no.katapult.application.reviewer.ReviewerPoolFixtures.POOL;
import static no.katapult.application.reviewer.ReviewerPoolFixtures.body;
import static no.katapult.application.reviewer.ReviewerPoolFixtures.put;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ReviewerPoolTest {

    static final String ME = POOL + "/me/conflicts";

    @Test
    void siveAdminAddsReadsReplacesAndRemovesAPoolRecordWithETags() {
        String username = unique("reviewer-crud");
        String first = body("Kari Nordmann", "kari@example.no", "nb", List.of(REVIEWER_ORG), List.of(OTHER_ORG));
        put(username, first).then().statusCode(201)
                .header("Location", equalTo(POOL + "/" + username)).header("ETag", equalTo("\"0\""))
                .body("username", equalTo(username)).body("name", equalTo("Kari Nordmann"))
                .body("email", equalTo("kari@example.no")).body("locale", equalTo("nb"))
                .body("organisations", contains(REVIEWER_ORG)).body("conflicts", contains(OTHER_ORG))
                .body("expertise", contains("Industriell tjenesteutvikling")).body("declaredConflicts", empty())
                .body("updatedBy", equalTo("siva-admin")).body("version", equalTo(0));
        given().auth().oauth2(admin()).get(POOL + "/" + username).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("organisations", contains(REVIEWER_ORG));

        // The same record again changes nothing, not even the ETag.
        put(username, first).then().statusCode(200).header("ETag", equalTo("\"0\""));
        String second = body("Kari Nordmann", "kari.nordmann@example.no", null, List.of(REVIEWER_ORG, MCB), List.of());
        given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"").body(second)
                .put(POOL + "/" + username).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("email", equalTo("kari.nordmann@example.no")).body("locale", nullValue())
                .body("organisations", contains(REVIEWER_ORG, MCB)).body("conflicts", empty());
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"0\"")
                .body(first).put(POOL + "/" + username).andReturn(), 412, "precondition-failed");
        assertProblem(given().auth().oauth2(admin()).header("If-Match", "\"0\"")
                .delete(POOL + "/" + username).andReturn(), 412, "precondition-failed");

        given().auth().oauth2(admin()).header("If-Match", "\"1\"").delete(POOL + "/" + username).then().statusCode(204);
        assertProblem(given().auth().oauth2(admin()).get(POOL + "/" + username).andReturn(), 404, "not-found");
        assertProblem(given().auth().oauth2(admin()).delete(POOL + "/" + username).andReturn(), 404, "not-found");
        // If-Match on a record that is not there cannot match.
        assertProblem(given().auth().oauth2(admin()).contentType("application/json").header("If-Match", "\"1\"")
                .body(first).put(POOL + "/" + username).andReturn(), 412, "precondition-failed");
    }

    @Test
    void aPoolRecordIsValidated() {
        String username = unique("reviewer-invalid");
        assertProblem(put(username, "{\"email\": \"not-an-address\", \"organisations\": [\"123456789\", \"12\"], "
                + "\"conflicts\": [null], \"expertise\": [\"\"], \"locale\": \"english please\"}"), 400, "validation")
                .then().body("errors.field", hasItems("name", "email", "organisations[0]", "organisations[1]",
                        "conflicts[0]", "expertise[0]", "locale"));
        assertProblem(put(username, body("Kari", "kari@example.no", null, List.of(REVIEWER_ORG, REVIEWER_ORG),
                List.of(MCB, MCB))), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("organisations[1]", "conflicts[1]"));
        assertProblem(put(username, body("Kari", "kari@example.no", null, Collections.nCopies(21, REVIEWER_ORG),
                List.of())), 400, "validation").then().body("errors.field", hasItems("organisations"));
        assertProblem(put(username, body("K".repeat(201), "kari@example.no", null, List.of(), List.of())), 400,
                "validation").then().body("errors.field", contains("name"));
        // The username is the realm's: no spaces or slashes, and "me" names the caller.
        String valid = body("Kari", "kari@example.no", null, List.of(REVIEWER_ORG), List.of());
        assertProblem(put("me", valid), 400, "validation").then().body("errors[0].field", equalTo("username"));
        assertProblem(put("kari%20nordmann", valid), 400, "validation").then().body("errors[0].field", equalTo("username"));
        assertProblem(given().auth().oauth2(admin()).get(POOL + "/" + username).andReturn(), 404);

        // Only siva-admin manages the pool.
        for (String token : List.of(reviewer(username, REVIEWER_ORG), applicant("applicant-sin", SIN))) {
            assertProblem(given().auth().oauth2(token).contentType("application/json").body(valid)
                    .put(POOL + "/" + username).andReturn(), 403);
            assertProblem(given().auth().oauth2(token).get(POOL).andReturn(), 403);
            assertProblem(given().auth().oauth2(token).delete(POOL + "/" + username).andReturn(), 403);
        }
        assertProblem(given().contentType("application/json").body(valid).put(POOL + "/" + username).andReturn(), 401);
    }

    @Test
    void thePoolIsListedByUsernameAPageAtATimeAndCanBeSearched() {
        String tag = unique("panel");
        String b = tag + "-b";
        String a = tag + "-a";
        String c = tag + "-c";
        put(b, body("Bente", b + "@example.no", null, List.of(REVIEWER_ORG), List.of())).then().statusCode(201);
        put(a, body("Anders", a + "@example.no", null, List.of(MCB), List.of())).then().statusCode(201);
        put(c, body("Cecilie", c + "@example.no", null, List.of(REVIEWER_ORG), List.of(MCB))).then().statusCode(201);

        given().auth().oauth2(admin()).get(POOL + "?q=" + tag).then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(20))
                .body("items.username", contains(a, b, c));
        given().auth().oauth2(admin()).get(POOL + "?q=" + tag + "&size=2&page=1").then()
                .body("total", equalTo(3)).body("items.username", contains(c));
        // Works for, or has a listed conflict with, MCB.
        given().auth().oauth2(admin()).get(POOL + "?q=" + tag + "&orgNo=" + MCB).then()
                .body("items.username", contains(a, c));
        given().auth().oauth2(admin()).get(POOL + "?q=Cecilie").then().body("items.username", hasItems(c));
        assertProblem(given().auth().oauth2(admin()).get(POOL + "?orgNo=123&size=x").andReturn(), 400, "validation")
                .then().body("errors.field", containsInAnyOrder("orgNo", "size"));
    }

    @Test
    void aReviewerDeclaresTheirOwnConflictsWhichThePoolRecordShows() {
        String username = ReviewerPoolFixtures.pooled(REVIEWER_ORG, OTHER_ORG);
        String token = reviewer(username, REVIEWER_ORG);
        given().auth().oauth2(token).get(ME).then().statusCode(200)
                .body("username", equalTo(username)).body("conflicts", empty())
                .body("poolConflicts", contains(OTHER_ORG)).body("poolOrganisations", contains(REVIEWER_ORG))
                .body("inPool", equalTo(true)).body("version", nullValue());

        given().auth().oauth2(token).contentType("application/json").body("{\"conflicts\": [\"" + MCB + "\"]}")
                .put(ME).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("conflicts", contains(MCB)).body("poolConflicts", contains(OTHER_ORG));
        // The pool record shows the declaration, and its ETag moved with it.
        given().auth().oauth2(admin()).get(POOL + "/" + username).then()
                .body("declaredConflicts", contains(MCB)).body("conflicts", contains(OTHER_ORG))
                .header("ETag", equalTo("\"1\""));

        assertProblem(given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"7\"")
                .body("{\"conflicts\": []}").put(ME).andReturn(), 412, "precondition-failed");
        given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"0\"")
                .body("{\"conflicts\": [\"" + MCB + "\", \"" + SIN + "\"]}").put(ME).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("conflicts", contains(MCB, SIN));

        assertProblem(given().auth().oauth2(token).contentType("application/json")
                .body("{\"conflicts\": [\"123456789\", \"" + MCB + "\", \"" + MCB + "\"]}").put(ME).andReturn(),
                400, "validation").then().body("errors.field", hasItems("conflicts[0]"));
        assertProblem(given().auth().oauth2(token).contentType("application/json").body("{}").put(ME).andReturn(),
                400, "validation").then().body("errors.field", contains("conflicts"));
        assertProblem(given().auth().oauth2(applicant("applicant-sin", SIN)).contentType("application/json")
                .body("{\"conflicts\": []}").put(ME).andReturn(), 403);
        assertProblem(given().auth().oauth2(admin()).get(ME).andReturn(), 403);
    }

    @Test
    void aReviewerOutsideThePoolMayDeclareToo_andRemovalFromThePoolKeepsTheDeclaration() {
        String username = unique("reviewer-outside");
        String token = reviewer(username, REVIEWER_ORG);
        given().auth().oauth2(token).contentType("application/json").body("{\"conflicts\": [\"" + MCB + "\"]}")
                .put(ME).then().statusCode(200).body("inPool", equalTo(false)).body("conflicts", contains(MCB));

        put(username, body("Per", username + "@example.no", null, List.of(REVIEWER_ORG), List.of())).then()
                .statusCode(201).body("declaredConflicts", contains(MCB));
        given().auth().oauth2(admin()).delete(POOL + "/" + username).then().statusCode(204);
        given().auth().oauth2(token).get(ME).then().body("inPool", equalTo(false)).body("conflicts", contains(MCB))
                .body("version", equalTo(0));
        given().auth().oauth2(admin()).get(POOL).then().statusCode(200);
        given().accept("application/json").get("/q/openapi").then()
                .body("paths.'/api/v1/reviewers/{username}'.put.operationId", equalTo("putReviewer"))
                .body("paths.'/api/v1/reviewers/me/conflicts'.put.operationId", equalTo("declareMyConflicts"))
                .body("components.schemas.ReviewersRequest.properties.reviewerOrganisations.deprecated", equalTo(true))
                .body("paths.'/api/v1/reviewers'.get.operationId", endsWith("listReviewers"));
    }
}

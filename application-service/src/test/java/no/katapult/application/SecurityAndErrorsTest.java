package no.katapult.application;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.HttpErrorContractTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** The suite's HTTP error contract (from common), and the cases only this service has. */
@QuarkusTest
class SecurityAndErrorsTest extends HttpErrorContractTests {

    static final String CALLS = "/api/v1/calls";
    static final String APPS = "/api/v1/applications";

    static String sme() {
        return TestTokens.sme("sme-anna", "910000012");
    }

    static String callJson(String title) {
        Instant now = Instant.now();
        return Fixtures.callJson(title, now, now.plus(1, ChronoUnit.DAYS), "100000", "50000");
    }

    @Override
    protected String protectedPath() {
        return CALLS;
    }

    @Override
    protected Response forbiddenRequest() {
        return given().auth().oauth2(sme()).contentType("application/json").body(callJson("Forbidden"))
                .post(CALLS).andReturn();
    }

    @Override
    protected Write jsonWrite() {
        return new Write("POST", CALLS, Fixtures.admin());
    }

    @Override
    protected String pathWithoutDelete() {
        return CALLS;
    }

    @Override
    protected String readerToken() {
        return sme();
    }

    @Test
    void anyAuthenticatedCallerListsCalls() {
        given().auth().oauth2(sme()).get(CALLS).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(20)).body("total", notNullValue());
        given().auth().oauth2(TestTokens.partner()).get(CALLS).then().statusCode(200);
        given().auth().oauth2(TestTokens.operator("operator-halden", "smart-innovation-norway")).get(CALLS)
                .then().statusCode(200);
    }

    @Test
    void creatingAnApplicationNeedsATokenWithTheApplicantRole() {
        assertProblem(given().contentType("application/json").body("{}").post(APPS).andReturn(), 401);
        assertProblem(given().auth().oauth2(sme()).contentType("application/json").body("{}").post(APPS).andReturn(), 403);
        assertProblem(given().auth().oauth2(sme()).get(APPS).andReturn(), 403);
        assertProblem(given().auth().oauth2(Fixtures.applicant("applicant-x", Fixtures.SIN))
                .contentType("application/json").body(callJson("Forbidden")).post(CALLS).andReturn(), 403);
    }

    @Test
    void wrongTypeIs400ProblemNamingTheField() {
        var response = given().auth().oauth2(Fixtures.admin()).contentType("application/json")
                .body(callJson("Wrong kind").replace("PRE_PROJECT", "SPACESHIP")).post(CALLS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors[0].field", equalTo("kind"));
    }

    @Test
    void constraintViolationListsEveryField() {
        var response = given().auth().oauth2(Fixtures.admin()).contentType("application/json")
                .body("{\"title\": \"\"}").post(CALLS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", hasItems("title", "kind", "opensAt", "closesAt", "budget",
                "maxAmountPerApplication", "criteria"));
    }

    @Test
    void badQueryParameterIs400ProblemNamingIt() {
        assertProblem(given().auth().oauth2(sme()).get(CALLS + "?state=HALF_OPEN").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("state"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).get(APPS + "?orgNo=123456789").andReturn(),
                400, "validation").then().body("errors[0].field", equalTo("orgNo"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).get(APPS + "?callId=nope").andReturn(),
                400, "validation").then().body("errors[0].field", equalTo("callId"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).get(APPS + "?status=LOST").andReturn(),
                400, "validation").then().body("errors[0].field", equalTo("status"));
    }

    @Test
    void pageAndSizeThatAreNotNumbersAre400NamingEveryOne() {
        assertProblem(given().auth().oauth2(sme()).get(CALLS + "?page=abc").andReturn(), 400, "validation")
                .then().body("errors.field", hasItems("page"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).get(APPS + "?page=abc&size=-1&callId=nope").andReturn(),
                400, "validation").then().body("errors.field", hasItems("page", "size", "callId"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).get(CALLS + "/" + UUID.randomUUID() + "/ranking?size=x")
                .andReturn(), 400, "validation").then().body("errors[0].field", equalTo("size"));
    }

    @Test
    void unknownCallIs404Problem() {
        assertProblem(given().auth().oauth2(sme()).get(CALLS + "/" + UUID.randomUUID()).andReturn(), 404);
    }

    @Test
    void openApiDocumentNamesEveryOperationAndTheReviewerOrganisationExtension() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Norsk katapult – application-service API"))
                .body("paths.'/api/v1/applications/{id}/submit'.post.operationId", equalTo("submitApplication"))
                .body("paths.'/api/v1/applications/{id}/reviewers'.put.operationId", equalTo("assignReviewers"))
                .body("paths.'/api/v1/applications/{id}/decision'.post.responses.'422'.content", notNullValue())
                .body("paths.'/api/v1/calls'.get.operationId", equalTo("listCalls"))
                .body("components.schemas.ReviewersRequest.properties.reviewerOrganisations", notNullValue())
                // The schema names partners see stay as they were, whatever the Java types are called.
                .body("components.schemas.keySet()", hasItems("Application", "ApplicationRequest", "PublicApplication",
                        "ApplicationPage", "LeadApplicant", "ContactPerson", "ConsortiumPartner", "BudgetLine",
                        "Decision", "DecisionRequest", "WithdrawRequest", "Call", "CallRequest", "Criterion", "History",
                        "HistoryItem", "Review", "ReviewRequest", "ReviewList", "Reviewers", "ReviewersRequest",
                        "ReviewerAssignment", "ApplicationAssessment", "CriterionAssessment", "ReviewTotal",
                        "RankingEntry"));
    }
}

package no.katapult.application;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.RejectedTokenTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class SecurityAndErrorsTest extends RejectedTokenTests {

    @Override
    protected String protectedPath() {
        return CALLS;
    }

    static final String CALLS = "/api/v1/calls";

    static String sme() {
        return TestTokens.sme("sme-anna", "910000012");
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
    void noTokenIs401Problem() {
        assertProblem(given().when().get(CALLS).andReturn(), 401);
        assertProblem(given().contentType("application/json").body("{}").post("/api/v1/applications").andReturn(), 401);
    }

    @Test
    void wrongRoleIs403Problem() {
        Instant now = Instant.now();
        String body = Fixtures.callJson("Forbidden", now, now.plus(1, ChronoUnit.DAYS), "100000", "50000");
        assertProblem(given().auth().oauth2(sme()).contentType("application/json").body(body).post(CALLS).andReturn(), 403);
        assertProblem(given().auth().oauth2(Fixtures.applicant("applicant-x", Fixtures.SIN))
                .contentType("application/json").body(body).post(CALLS).andReturn(), 403);
        assertProblem(given().auth().oauth2(sme()).get("/api/v1/applications").andReturn(), 403);
        assertProblem(given().auth().oauth2(sme()).contentType("application/json").body("{}")
                .post("/api/v1/applications").andReturn(), 403);
    }

    @Test
    void malformedJsonIs400ProblemAndEchoesRequestId() {
        var response = given().auth().oauth2(Fixtures.admin()).header("X-Request-Id", "test-req-456")
                .contentType("application/json").body("{\"title\": ").post(CALLS).andReturn();
        assertProblem(response, 400, "malformed-json");
        response.then().header("X-Request-Id", "test-req-456").body("requestId", equalTo("test-req-456"));
    }

    @Test
    void wrongTypeIs400ProblemNamingTheField() {
        Instant now = Instant.now();
        String body = Fixtures.callJson("Wrong kind", now, now.plus(1, ChronoUnit.DAYS), "100000", "50000")
                .replace("PRE_PROJECT", "SPACESHIP");
        var response = given().auth().oauth2(Fixtures.admin()).contentType("application/json").body(body)
                .post(CALLS).andReturn();
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
    void badQueryParameterIs400Problem() {
        var response = given().auth().oauth2(sme()).get(CALLS + "?state=HALF_OPEN").andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors[0].field", equalTo("state"));
        assertProblem(given().auth().oauth2(Fixtures.admin()).get("/api/v1/applications?orgNo=123456789").andReturn(),
                400, "validation");
        assertProblem(given().auth().oauth2(Fixtures.admin()).get("/api/v1/applications?callId=nope").andReturn(),
                400, "validation");
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(given().get("/api/v1/nothing-here").andReturn(), 404);
        assertProblem(given().auth().oauth2(sme()).get(CALLS + "/" + java.util.UUID.randomUUID()).andReturn(), 404);
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(given().auth().oauth2(Fixtures.admin()).delete(CALLS).andReturn(), 405);
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        assertProblem(given().auth().oauth2(Fixtures.admin()).contentType("text/plain").body("hello")
                .post(CALLS).andReturn(), 415);
    }

    @Test
    void unacceptableAcceptIs406Problem() {
        assertProblem(given().auth().oauth2(sme()).accept("image/png").get(CALLS).andReturn(), 406);
    }

    @Test
    void generatedRequestIdIsEchoed() {
        given().auth().oauth2(sme()).get(CALLS).then().header("X-Request-Id", notNullValue());
    }

    @Test
    void openApiDocumentNamesEveryOperationAndTheReviewerOrganisationExtension() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("info.title", equalTo("Norsk katapult – application-service API"))
                .body("paths.'/api/v1/applications/{id}/submit'.post.operationId", equalTo("submitApplication"))
                .body("paths.'/api/v1/applications/{id}/reviewers'.put.operationId", equalTo("assignReviewers"))
                .body("paths.'/api/v1/applications/{id}/decision'.post.responses.'422'.content", notNullValue())
                .body("paths.'/api/v1/calls'.get.operationId", equalTo("listCalls"))
                .body("components.schemas.ReviewersRequest.properties.reviewerOrganisations", notNullValue());
    }
}

package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.RejectedTokenTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class SecurityAndErrorsTest extends RejectedTokenTests {

    @Override
    protected String protectedPath() {
        return BOOKINGS;
    }

    static final String BOOKINGS = "/api/v1/bookings";

    @Test
    void noTokenIs401Problem() {
        assertProblem(given().when().get(BOOKINGS).andReturn(), 401);
        assertProblem(given().contentType("application/json").body("{}").post(BOOKINGS).andReturn(), 401);
    }

    @Test
    void smeAnnaCanListHerBookings() {
        given().auth().oauth2(TestTokens.sme("sme-anna", "910000012")).get(BOOKINGS)
                .then().statusCode(200).body("page", equalTo(0)).body("items", notNullValue());
    }

    @Test
    void wrongRoleIs403Problem() {
        String sme = TestTokens.sme("sme-anna", "910000012");
        assertProblem(given().auth().oauth2(sme).accept("text/csv").get("/api/v1/aid").andReturn(), 403);
        assertProblem(given().auth().oauth2(sme).get("/api/v1/bookings/usage?from=2027-01-01&to=2027-12-31").andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.partner()).get(BOOKINGS).andReturn(), 403);
        String operator = TestTokens.operator("operator-halden", "smart-innovation-norway");
        assertProblem(given().auth().oauth2(operator).contentType("application/json").body("{}").post(BOOKINGS).andReturn(), 403);
    }

    @Test
    void malformedJsonIs400ProblemAndEchoesRequestId() {
        String token = TestTokens.sme("sme-anna", "910000012");
        var response = given().auth().oauth2(token).header("X-Request-Id", "test-req-123")
                .contentType("application/json").body("{\"resourceType\": ").post(BOOKINGS).andReturn();
        assertProblem(response, 400, "malformed-json");
        response.then().header("X-Request-Id", "test-req-123").body("requestId", equalTo("test-req-123"));
    }

    @Test
    void wrongTypeIs400ProblemNamingTheField() {
        String token = TestTokens.sme("sme-anna", "910000012");
        var response = given().auth().oauth2(token).contentType("application/json")
                .body("{\"resourceType\":\"SPACESHIP\",\"resourceId\":\"" + java.util.UUID.randomUUID()
                        + "\",\"start\":\"2027-01-01T10:00:00+01:00\",\"end\":\"2027-01-01T11:00:00+01:00\",\"purpose\":\"x\"}")
                .post(BOOKINGS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors[0].field", equalTo("resourceType"));
    }

    @Test
    void constraintViolationListsEveryField() {
        String token = TestTokens.sme("sme-anna", "910000012");
        var response = given().auth().oauth2(token).contentType("application/json").body("{\"purpose\":\"\"}")
                .post(BOOKINGS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", hasItems("resourceType", "resourceId", "start", "end", "purpose"));
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        String token = TestTokens.sme("sme-anna", "910000012");
        assertProblem(given().auth().oauth2(token).get(BOOKINGS + "?status=LOST").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("status"));
        assertProblem(given().auth().oauth2(token).get(BOOKINGS + "?from=yesterday").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("from"));
        assertProblem(given().get("/api/v1/availability?resourceType=FACILITY").andReturn(), 400, "validation")
                .then().body("errors.field", hasItems("resourceId", "from", "to"));
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(given().get("/api/v1/nothing-here").andReturn(), 404);
        assertProblem(given().get("/no/such/thing").andReturn(), 404);
        assertProblem(given().auth().oauth2(TestTokens.admin()).get(BOOKINGS + "/" + java.util.UUID.randomUUID()).andReturn(), 404);
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(given().auth().oauth2(TestTokens.admin()).delete(BOOKINGS).andReturn(), 405);
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        String token = TestTokens.sme("sme-anna", "910000012");
        assertProblem(given().auth().oauth2(token).contentType("text/plain").body("hello").post(BOOKINGS).andReturn(), 415);
    }

    @Test
    void unacceptableAcceptIs406Problem() {
        String token = TestTokens.sme("sme-anna", "910000012");
        assertProblem(given().auth().oauth2(token).accept("image/png").get(BOOKINGS).andReturn(), 406);
    }

    @Test
    void generatedRequestIdIsEchoed() {
        given().get("/api/v1/nothing-here").then().header("X-Request-Id", notNullValue());
    }

    @Test
    void openApiDocumentDescribesTheOperations() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Norsk katapult – facility-booking API"))
                .body("paths.'/api/v1/bookings'.post.operationId", equalTo("createBooking"))
                .body("paths.'/api/v1/availability'.get.operationId", equalTo("getAvailability"))
                .body("paths.'/api/v1/aid'.get.operationId", equalTo("exportAidAwards"));
    }
}

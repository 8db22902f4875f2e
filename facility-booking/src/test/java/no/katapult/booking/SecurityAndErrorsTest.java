package no.katapult.booking;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.HttpErrorContractTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

/** The suite's HTTP error contract (from common), and the cases only facility-booking has. */
@QuarkusTest
class SecurityAndErrorsTest extends HttpErrorContractTests {

    static final String BOOKINGS = "/api/v1/bookings";
    static final String ANNA = TestTokens.sme("sme-anna", "910000012");

    @Override
    protected String protectedPath() {
        return BOOKINGS;
    }

    @Override
    protected Response forbiddenRequest() {
        return given().auth().oauth2(TestTokens.partner()).get(BOOKINGS).andReturn();
    }

    @Override
    protected Write jsonWrite() {
        return new Write("POST", BOOKINGS, ANNA);
    }

    @Override
    protected String pathWithoutDelete() {
        return BOOKINGS;
    }

    @Override
    protected String readerToken() {
        return ANNA;
    }

    @Test
    void creatingWithoutTokenIs401Problem() {
        assertProblem(given().contentType("application/json").body("{}").post(BOOKINGS).andReturn(), 401);
    }

    @Test
    void smeAnnaCanListHerBookings() {
        given().auth().oauth2(ANNA).get(BOOKINGS)
                .then().statusCode(200).body("page", equalTo(0)).body("items", notNullValue());
    }

    @Test
    void eachOperationRefusesTheRolesItDoesNotAllow() {
        assertProblem(given().auth().oauth2(ANNA).accept("text/csv").get("/api/v1/aid").andReturn(), 403);
        assertProblem(given().auth().oauth2(ANNA).get(BOOKINGS + "/usage?from=2027-01-01&to=2027-12-31").andReturn(), 403);
        String operator = TestTokens.operator("operator-halden", "smart-innovation-norway");
        assertProblem(given().auth().oauth2(operator).contentType("application/json").body("{}").post(BOOKINGS).andReturn(), 403);
    }

    @Test
    void wrongTypeIs400ProblemNamingTheField() {
        Response response = given().auth().oauth2(ANNA).contentType("application/json")
                .body("{\"resourceType\":\"SPACESHIP\",\"resourceId\":\"" + UUID.randomUUID()
                        + "\",\"start\":\"2027-01-01T10:00:00+01:00\",\"end\":\"2027-01-01T11:00:00+01:00\",\"purpose\":\"x\"}")
                .post(BOOKINGS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors[0].field", equalTo("resourceType"));
    }

    @Test
    void constraintViolationListsEveryField() {
        Response response = given().auth().oauth2(ANNA).contentType("application/json").body("{\"purpose\":\"\"}")
                .post(BOOKINGS).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", hasItems("resourceType", "resourceId", "start", "end", "purpose"));
    }

    @Test
    void badQueryParametersAre400NamingTheParameter() {
        assertProblem(given().auth().oauth2(ANNA).get(BOOKINGS + "?status=LOST").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("status"));
        assertProblem(given().auth().oauth2(ANNA).get(BOOKINGS + "?from=yesterday").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("from"));
        assertProblem(given().auth().oauth2(ANNA).get(BOOKINGS + "?page=abc&size=-1").andReturn(), 400, "validation")
                .then().body("errors.field", hasItems("page", "size"));
        assertProblem(given().get("/api/v1/availability?resourceType=FACILITY").andReturn(), 400, "validation")
                .then().body("errors.field", hasItems("resourceId", "from", "to"));
    }

    @Test
    void unknownBookingIs404Problem() {
        assertProblem(given().auth().oauth2(TestTokens.admin()).get(BOOKINGS + "/" + UUID.randomUUID()).andReturn(), 404);
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

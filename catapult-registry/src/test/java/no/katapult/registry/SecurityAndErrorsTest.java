package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import no.katapult.common.testing.RejectedTokenTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class SecurityAndErrorsTest extends RejectedTokenTests {

    @Override
    protected String protectedPath() {
        return ORG;
    }

    static final String ORG = "/api/v1/organisations/910000012";

    @Test
    void noTokenIs401Problem() {
        assertProblem(given().when().get(ORG).andReturn(), 401);
    }

    @Test
    void wrongRoleIs403Problem() {
        String token = TestTokens.operator("operator-halden", "smart-innovation-norway");
        assertProblem(given().auth().oauth2(token).get(ORG).andReturn(), 403);
    }

    @Test
    void ownOrganisationCanBeWrittenAndRead() {
        String token = TestTokens.sme("sme-anna", "910000012");
        given().auth().oauth2(token).contentType("application/json")
                .body("{\"name\":\"Anna AS (demo)\",\"kind\":\"COMPANY\"}")
                .put(ORG).then().statusCode(anyOf(equalTo(200), equalTo(201))).body("orgNo", equalTo("910000012"));
        given().auth().oauth2(token).get(ORG).then().statusCode(200).body("name", equalTo("Anna AS (demo)"));
    }

    @Test
    void malformedJsonIs400ProblemAndEchoesRequestId() {
        String token = TestTokens.sme("sme-anna", "910000012");
        var response = given().auth().oauth2(token).header("X-Request-Id", "test-req-123")
                .contentType("application/json").body("{\"name\": ").put(ORG).andReturn();
        assertProblem(response, 400, "malformed-json");
        response.then().header("X-Request-Id", "test-req-123").body("requestId", equalTo("test-req-123"));
    }

    @Test
    void wrongTypeIs400ProblemNamingTheField() {
        String token = TestTokens.sme("sme-anna", "910000012");
        var response = given().auth().oauth2(token).contentType("application/json")
                .body("{\"name\":\"X\",\"kind\":\"SPACESHIP\"}").put(ORG).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors[0].field", equalTo("kind"));
    }

    @Test
    void constraintViolationListsEveryField() {
        String token = TestTokens.admin();
        var response = given().auth().oauth2(token).contentType("application/json")
                .body("{\"name\":\"\"}").put("/api/v1/organisations/123456789").andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", org.hamcrest.Matchers.hasItems("orgNo", "name", "kind"));
    }

    @Test
    void unknownPathIs404Problem() {
        assertProblem(given().get("/api/v1/nothing-here").andReturn(), 404);
        assertProblem(given().get("/no/such/thing").andReturn(), 404);
    }

    @Test
    void wrongMethodIs405Problem() {
        assertProblem(given().auth().oauth2(TestTokens.admin()).delete(ORG).andReturn(), 405);
    }

    @Test
    void wrongMediaTypeIs415Problem() {
        String token = TestTokens.sme("sme-anna", "910000012");
        assertProblem(given().auth().oauth2(token).contentType("text/plain").body("hello").put(ORG).andReturn(), 415);
    }

    @Test
    void unacceptableAcceptIs406Problem() {
        String token = TestTokens.sme("sme-anna", "910000012");
        assertProblem(given().auth().oauth2(token).accept("image/png").get(ORG).andReturn(), 406);
    }

    @Test
    void theCatalogueIsPublicButWritesNeedAToken() {
        given().get("/api/v1/centres").then().statusCode(200);
        given().get("/api/v1/facilities").then().statusCode(200);
        given().get("/api/v1/equipment").then().statusCode(200);
        assertProblem(given().contentType("application/json").body("{}").post("/api/v1/centres").andReturn(), 401);
        assertProblem(given().contentType("application/json").body("{}").post("/api/v1/facilities").andReturn(), 401);
        assertProblem(given().contentType("application/json").body("{}").post("/api/v1/equipment").andReturn(), 401);
    }

    @Test
    void aForgedTokenIsRefusedEvenOnPublicReads() {
        String forged = TestTokens.user("mallory", "siva-admin").signWithForeignKey();
        assertProblem(given().auth().oauth2(forged).get("/api/v1/centres").andReturn(), 401);
    }

    @Test
    void aQueryParameterOfTheWrongTypeIs400() {
        assertProblem(given().queryParam("page", "abc").get("/api/v1/centres").andReturn(), 400);
        assertProblem(given().queryParam("size", "many").get("/api/v1/facilities").andReturn(), 400);
    }

    @Test
    void wrongMediaTypeOnCatalogueWritesIs415() {
        assertProblem(given().auth().oauth2(TestTokens.admin()).contentType("text/plain").body("x")
                .post("/api/v1/facilities").andReturn(), 415);
    }

    @Test
    void generatedRequestIdIsEchoed() {
        given().get("/api/v1/nothing-here").then().header("X-Request-Id", org.hamcrest.Matchers.notNullValue());
    }
}

package no.katapult.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.HttpErrorContractTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** The suite's HTTP error contract on the registry, plus what is the registry's own: a public catalogue. */
@QuarkusTest
class SecurityAndErrorsTest extends HttpErrorContractTests {

    static final String ORG = "/api/v1/organisations/910000012";

    static String anna() {
        return TestTokens.sme("sme-anna", "910000012");
    }

    @Override
    protected String protectedPath() {
        return ORG;
    }

    @Override
    protected Response forbiddenRequest() {
        return given().auth().oauth2(TestTokens.operator("operator-halden", "smart-innovation-norway")).get(ORG)
                .andReturn();
    }

    @Override
    protected Write jsonWrite() {
        return new Write("PUT", ORG, anna());
    }

    @Override
    protected String pathWithoutDelete() {
        return ORG;
    }

    @Override
    protected String readerToken() {
        return anna();
    }

    @Test
    void ownOrganisationCanBeWrittenAndRead() {
        given().auth().oauth2(anna()).contentType("application/json")
                .body("{\"name\":\"Anna AS (demo)\",\"kind\":\"COMPANY\"}")
                .put(ORG).then().statusCode(anyOf(equalTo(200), equalTo(201))).body("orgNo", equalTo("910000012"));
        given().auth().oauth2(anna()).get(ORG).then().statusCode(200).body("name", equalTo("Anna AS (demo)"));
    }

    @Test
    void wrongTypeIs400ProblemNamingTheField() {
        var response = given().auth().oauth2(anna()).contentType("application/json")
                .body("{\"name\":\"X\",\"kind\":\"SPACESHIP\"}").put(ORG).andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors[0].field", equalTo("kind"));
    }

    @Test
    void constraintViolationListsEveryField() {
        var response = given().auth().oauth2(TestTokens.admin()).contentType("application/json")
                .body("{\"name\":\"\"}").put("/api/v1/organisations/123456789").andReturn();
        assertProblem(response, 400, "validation");
        response.then().body("errors.field", hasItems("orgNo", "name", "kind"));
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
}

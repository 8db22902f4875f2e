package no.katapult.common.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example in the contract a service serves matches its schema, written once: a service's
 * {@code @QuarkusTest} extends this. Swagger UI shows these examples and clients copy them, so a wrong one
 * misleads as much as a wrong schema. Problem examples added by {@code ProblemOpenApiFilter} are included.
 */
public abstract class ContractExamplesTests {

    /** Fewer examples than this means the walk lost them, not that they are right. */
    protected abstract int minimumExamples();

    @Test
    void everyExampleInTheContractMatchesItsSchema() {
        String contract = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();

        ExampleChecker.Result result = ExampleChecker.check(contract);

        assertTrue(result.failures().isEmpty(), () -> result.failures().size() + " of " + result.checked()
                + " examples do not match their schema:\n" + String.join("\n", result.failures()));
        assertTrue(result.checked() >= minimumExamples(),
                () -> "Only " + result.checked() + " examples checked, expected at least " + minimumExamples());
    }
}

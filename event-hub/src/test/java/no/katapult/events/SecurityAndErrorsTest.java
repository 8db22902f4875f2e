package no.katapult.events;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.HttpErrorContractTests;
import no.katapult.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The suite's HTTP error contract (from common), the contract document, and health and metrics. */
@QuarkusTest
class SecurityAndErrorsTest extends HttpErrorContractTests {

    @Override
    protected String protectedPath() {
        return "/api/v1/events";
    }

    @Override
    protected Response forbiddenRequest() {
        return given().auth().oauth2(TestTokens.operator("operator-halden", "smart-innovation-norway"))
                .get("/api/v1/events").andReturn();
    }

    @Override
    protected Write jsonWrite() {
        return new Write("POST", "/api/v1/subscriptions", TestTokens.partner());
    }

    @Override
    protected String pathWithoutDelete() {
        return "/api/v1/events";
    }

    @Override
    protected String readerToken() {
        return TestTokens.partner();
    }

    @Test
    void theInternalFeedIsForTheInternalRoleOnly() {
        assertProblem(given().auth().oauth2(TestTokens.partner()).get("/internal/v1/outbox").andReturn(), 403);
        assertProblem(given().auth().oauth2(TestTokens.admin()).get("/internal/v1/outbox").andReturn(), 403);
        given().auth().oauth2(TestTokens.user("service-account-catapult-internal", "internal").sign())
                .get("/internal/v1/outbox").then().statusCode(200).body("next", notNullValue());
    }

    @Test
    void theContractNamesEveryOperationWithItsSecurityAndProblems() {
        Response r = given().accept("application/json").get("/q/openapi");
        r.then().statusCode(200)
                .body("info.title", equalTo("Norsk katapult – event-hub API"))
                .body("paths.'/api/v1/events'.get.operationId", equalTo("listEvents"))
                .body("paths.'/api/v1/subscriptions'.post.operationId", equalTo("createSubscription"))
                .body("paths.'/api/v1/subscriptions'.get.operationId", equalTo("listSubscriptions"))
                .body("paths.'/api/v1/subscriptions/{id}'.get.operationId", equalTo("getSubscription"))
                .body("paths.'/api/v1/subscriptions/{id}'.delete.operationId", equalTo("deleteSubscription"))
                .body("paths.'/api/v1/subscriptions/{id}/replay'.post.operationId", equalTo("replaySubscription"))
                .body("paths.'/api/v1/subscriptions/{id}/deliveries'.get.operationId", equalTo("listSubscriptionDeliveries"))
                .body("paths.'/api/v1/events'.get.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/api/v1/events'.get.responses.'403'", notNullValue())
                .body("paths.'/api/v1/subscriptions'.post.responses.'422'.content", notNullValue())
                .body("paths.'/api/v1/events'.get.security", notNullValue())
                .body("paths.'/internal/v1/outbox'", nullValue())
                .body("components.schemas.keySet()", hasItems("EventPage", "CloudEvent", "Subscription",
                        "NewSubscription", "SubscriptionRequest", "Replay", "ReplayRequest", "DeliveryAttempt",
                        "DeliveryAttemptPage", "SubscriptionPage", "Problem"))
                .body("components.schemas.EventPage.properties.items.items.'$ref'", equalTo("#/components/schemas/CloudEvent"));
        Map<String, Map<String, Map<String, Object>>> paths = r.jsonPath().getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            assertTrue(operation.get("summary") != null, method + " " + path + " has a summary");
            assertTrue(operation.get("tags") != null, method + " " + path + " has a tag");
        }));
    }

    @Test
    void healthAndMetricsAreServed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("http_server_requests"), "Prometheus metrics");
    }
}

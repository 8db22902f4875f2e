package no.katapult.events.subscription;

import no.katapult.common.testing.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import no.katapult.common.testing.TestOrgNumbers;
import no.katapult.common.testing.TestTokens;
import no.katapult.events.Cursor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ProblemAssert.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Subscriptions: who may have one, which URLs, the secret shown once, and each caller's own only. */
@QuarkusTest
class SubscriptionTest {

    static final String SUBSCRIPTIONS = "/api/v1/subscriptions";

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    static Response subscribe(String token, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post(SUBSCRIPTIONS).andReturn();
    }

    String body(String types) {
        return "{\"url\": \"" + receiver.url() + "\", \"types\": " + types + ", \"description\": \"Saksbehandling\"}";
    }

    @Test
    void aPartnerSubscribesAndSeesTheSecretOnlyOnce() {
        Response created = subscribe(TestTokens.partner(), body("[\"no.katapult.application.decided\", \"no.katapult.booking.\"]"));
        assertEquals(201, created.statusCode(), created.asString());
        String id = created.jsonPath().getString("id");
        String secret = created.jsonPath().getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        assertTrue(Base64.getDecoder().decode(secret.substring(6)).length >= 24);
        assertEquals(receiver.url(), created.jsonPath().getString("url"));
        assertEquals(List.of("no.katapult.application.decided", "no.katapult.booking."), created.jsonPath().getList("types"));
        assertEquals("ACTIVE", created.jsonPath().getString("status"));
        assertNotNull(created.jsonPath().getString("createdAt"));
        assertTrue(created.header("Location").endsWith(SUBSCRIPTIONS + "/" + id));
        assertNotNull(created.header("ETag"));

        Response read = given().auth().oauth2(TestTokens.partner()).get(SUBSCRIPTIONS + "/" + id);
        assertEquals(200, read.statusCode());
        assertFalse(read.asString().contains(secret), "the secret is never shown again");
        assertEquals("Saksbehandling", read.jsonPath().getString("description"));

        List<String> mine = given().auth().oauth2(TestTokens.partner()).queryParam("size", 100).get(SUBSCRIPTIONS)
                .then().statusCode(200).extract().path("items.id");
        assertTrue(mine.contains(id));
        assertFalse(given().auth().oauth2(TestTokens.partner()).get(SUBSCRIPTIONS).asString().contains(secret));
    }

    @Test
    void everyoneSeesAndManagesOnlyTheirOwn() {
        String org = TestOrgNumbers.fresh();
        String sme = TestTokens.sme("sme-sub", org);
        String id = subscribe(sme, body("[]")).then().statusCode(201).extract().path("id");
        String otherSme = TestTokens.sme("sme-other", TestOrgNumbers.fresh());
        assertProblem(given().auth().oauth2(otherSme).get(SUBSCRIPTIONS + "/" + id).andReturn(), 404);
        assertProblem(given().auth().oauth2(TestTokens.partner()).get(SUBSCRIPTIONS + "/" + id).andReturn(), 404);
        assertProblem(given().auth().oauth2(TestTokens.admin()).delete(SUBSCRIPTIONS + "/" + id).andReturn(), 404);
        assertProblem(given().auth().oauth2(otherSme).contentType("application/json").body("{}")
                .post(SUBSCRIPTIONS + "/" + id + "/replay").andReturn(), 404);
        assertProblem(given().auth().oauth2(otherSme).get(SUBSCRIPTIONS + "/" + id + "/deliveries").andReturn(), 404);
        List<String> others = given().auth().oauth2(otherSme).get(SUBSCRIPTIONS).then().statusCode(200).extract().path("items.id");
        assertFalse(others.contains(id));

        assertProblem(given().auth().oauth2(sme).get(SUBSCRIPTIONS + "/not-a-uuid").andReturn(), 404);
        assertProblem(given().auth().oauth2(sme).get(SUBSCRIPTIONS + "/" + UUID.randomUUID()).andReturn(), 404);
        String etag = given().auth().oauth2(sme).get(SUBSCRIPTIONS + "/" + id).header("ETag");
        assertProblem(given().auth().oauth2(sme).header("If-Match", "\"999\"").delete(SUBSCRIPTIONS + "/" + id).andReturn(), 412);
        given().auth().oauth2(sme).header("If-Match", etag).delete(SUBSCRIPTIONS + "/" + id).then().statusCode(204);
        assertProblem(given().auth().oauth2(sme).get(SUBSCRIPTIONS + "/" + id).andReturn(), 404);
    }

    @Test
    void otherRolesMayNotSubscribe() {
        assertProblem(subscribe(TestTokens.operator("operator-halden", "smart-innovation-norway"), body("[]")), 403);
        assertProblem(subscribe(TestTokens.user("applicant-x", "applicant").orgNo(TestOrgNumbers.fresh()).sign(), body("[]")), 403);
        assertProblem(subscribe(TestTokens.user("sme-without-org", "sme").sign(), body("[]")), 403);
        assertProblem(given().contentType("application/json").body(body("[]")).post(SUBSCRIPTIONS).andReturn(), 401);
        assertProblem(given().auth().oauth2(TestTokens.user("reviewer-1", "reviewer").sign()).get(SUBSCRIPTIONS).andReturn(), 403);
    }

    @Test
    void aUrlTheRulesRefuseIsA422NamingUrl() {
        for (String url : new String[]{"http://partner.example.no/hook", "https://10.0.0.1/hook", "https://192.168.1.20/hook",
                "https://169.254.169.254/latest", "https://[::1]/hook", "https://[fd12::1]/hook", "http://127.0.0.2:9000/hook",
                "https://user:secret@93.184.216.34/hook", "ftp://93.184.216.34/hook", "not a url"}) {
            Response r = subscribe(TestTokens.partner(), "{\"url\": \"" + url + "\"}");
            assertProblem(r, 422, "webhook-url-refused");
            assertEquals("url", r.jsonPath().getString("errors[0].field"), url);
        }
        // The demo's loopback allowance (on in tests, as ./catapult up sets it): http to 127.0.0.1 and localhost.
        subscribe(TestTokens.partner(), "{\"url\": \"http://localhost:9/hook\"}").then().statusCode(201);
        subscribe(TestTokens.partner(), "{\"url\": \"https://93.184.216.34/hook\"}").then().statusCode(201);
    }

    @Test
    void badBodiesAre400ProblemsNamingTheFields() {
        assertProblem(subscribe(TestTokens.partner(), "{}"), 400, "validation").then().body("errors.field", hasItems("url"));
        assertProblem(subscribe(TestTokens.partner(), "{\"url\": \"" + receiver.url() + "\", \"types\": [\"no.katapult.%\", \"\"]}"),
                400, "validation").then().body("errors.field", hasItems("types[0]", "types[1]"));
        assertProblem(subscribe(TestTokens.partner(), "{\"url\": \"" + receiver.url() + "\", \"types\": \"no.katapult.\"}"), 400);
        assertProblem(subscribe(TestTokens.partner(), "{\"url\": \"" + receiver.url() + "\", \"description\": \""
                + "x".repeat(501) + "\"}"), 400, "validation").then().body("errors[0].field", equalTo("description"));
        assertProblem(subscribe(TestTokens.partner(), "{\"url\": 42}"), 400);
    }

    @Test
    void aReplayNeedsACursorTheFeedGaveOut() {
        String id = subscribe(TestTokens.partner(), body("[]")).then().statusCode(201).extract().path("id");
        Response bad = given().auth().oauth2(TestTokens.partner()).contentType("application/json")
                .body("{\"after\": \"not-a-cursor\"}").post(SUBSCRIPTIONS + "/" + id + "/replay");
        assertProblem(bad, 400, "validation").then().body("errors[0].field", equalTo("after"));
        Response ok = given().auth().oauth2(TestTokens.partner()).contentType("application/json")
                .body("{\"after\": \"" + Cursor.of(Long.MAX_VALUE / 2) + "\"}").post(SUBSCRIPTIONS + "/" + id + "/replay");
        assertEquals(202, ok.statusCode(), ok.asString());
        assertEquals(0, ok.jsonPath().getInt("queued"), "nothing after a cursor beyond the log");
        assertEquals("ACTIVE", ok.jsonPath().getString("status"));
    }

    @Test
    void theAttemptLogIsPaginatedAndFiltersByOutcome() {
        String id = subscribe(TestTokens.partner(), body("[]")).then().statusCode(201).extract().path("id");
        Map<String, Object> page = given().auth().oauth2(TestTokens.partner()).queryParam("outcome", "dead")
                .get(SUBSCRIPTIONS + "/" + id + "/deliveries").then().statusCode(200).extract().as(Map.class);
        assertEquals(0, page.get("page"));
        assertEquals(20, page.get("size"));
        assertProblem(given().auth().oauth2(TestTokens.partner()).queryParam("outcome", "LOST")
                .get(SUBSCRIPTIONS + "/" + id + "/deliveries").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("outcome"));
        assertProblem(given().auth().oauth2(TestTokens.partner()).queryParam("size", "x")
                .get(SUBSCRIPTIONS + "/" + id + "/deliveries").andReturn(), 400, "validation")
                .then().body("errors[0].field", equalTo("size"));
    }
}

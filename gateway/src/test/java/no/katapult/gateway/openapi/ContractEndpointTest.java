package no.katapult.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import no.katapult.gateway.Stubs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /q/openapi serves the merged contract of the stub services; see OpenApiMergerTest for the merge rules. */
@QuarkusTest
class ContractEndpointTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MergedContract contract;

    @Test
    void servesTheMergedContractAsJsonAndYaml() throws Exception {
        Response json = given().get("/q/openapi");
        assertEquals(200, json.statusCode());
        assertTrue(json.contentType().startsWith("application/json"), json.contentType());
        JsonNode doc = MAPPER.readTree(json.asByteArray());
        assertEquals("3.1.0", doc.path("openapi").asText());
        assertTrue(doc.path("paths").has("/api/v1/centres"));
        assertTrue(doc.path("paths").has("/api/v1/applications"));
        assertTrue(doc.path("paths").has("/api/v1/bookings"));
        assertEquals("http://localhost:8080", doc.path("servers").get(0).path("url").asText());
        assertEquals("oauth2", doc.path("components").path("securitySchemes").path("oidc").path("type").asText());
        assertTrue(doc.path("components").path("schemas").has("RegistryStatus"));
        List<String> groups = new ArrayList<>();
        doc.path("x-tagGroups").forEach(g -> groups.add(g.path("name").asText()));
        assertEquals(List.of("application-service", "catapult-registry", "facility-booking"), groups);
        // dead-service never answered: listed as missing, the others are served.
        assertEquals("dead-service", doc.path("info").path("x-missing-services").get(0).asText());

        Response yaml = given().queryParam("format", "yaml").get("/q/openapi");
        assertEquals(200, yaml.statusCode());
        assertTrue(yaml.contentType().startsWith("application/yaml"), yaml.contentType());
        assertEquals(doc, new YAMLMapper().readTree(yaml.asByteArray()));
        // Quoted, so that a YAML reader keeps example dates and times as the strings the JSON form has.
        assertTrue(yaml.asString().contains("openapi: \"3.1.0\""), "string values are quoted");

        // A browser is shown the text instead of being handed a file.
        Response inBrowser = given().header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .queryParam("format", "yaml").get("/q/openapi");
        assertTrue(inBrowser.contentType().startsWith("text/plain"), inBrowser.contentType());
        assertEquals(doc, new YAMLMapper().readTree(inBrowser.asByteArray()));

        // The document the lint script can check without the full stack (gateway/scripts/lint-openapi.sh).
        Path out = Path.of("target", "merged-openapi-fixtures.json");
        Files.createDirectories(out.getParent());
        Files.write(out, json.asByteArray());
    }

    @Test
    void eachServiceHasItsOwnViewOfTheMergedContract() throws Exception {
        JsonNode whole = MAPPER.readTree(given().get("/q/openapi").asByteArray());
        Response booking = given().queryParam("service", "facility-booking").get("/q/openapi");
        assertEquals(200, booking.statusCode());
        JsonNode view = MAPPER.readTree(booking.asByteArray());
        assertTrue(view.path("paths").has("/api/v1/bookings"));
        assertFalse(view.path("paths").has("/api/v1/centres"), "another service's paths are left out");
        assertEquals(1, view.path("x-tagGroups").size());
        assertEquals("facility-booking", view.path("x-tagGroups").get(0).path("name").asText());
        assertEquals(whole.path("components"), view.path("components"));
        assertEquals(whole.path("info").path("title").asText() + ": facility-booking", view.path("info").path("title").asText());

        Response yaml = given().queryParam("service", "facility-booking").queryParam("format", "yaml").get("/q/openapi");
        assertEquals(view, new YAMLMapper().readTree(yaml.asByteArray()));

        given().queryParam("service", "no-such-service").get("/q/openapi").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("catapult-registry"));
    }

    @Test
    void aServiceThatGoesDownKeepsItsLastGoodContract() throws Exception {
        Stubs application = Stubs.of("application-service");
        application.contractFails(true);
        try {
            JsonNode doc = refresh();
            assertTrue(doc.path("paths").has("/api/v1/applications"), "last good copy is served");
            assertTrue(doc.path("info").path("description").asText().contains("**Not current:** application-service"));
            assertFalse(contains(doc.path("info").path("x-missing-services"), "application-service"));
        } finally {
            application.contractFails(false);
        }
        JsonNode doc = refresh();
        assertFalse(doc.path("info").path("description").asText().contains("Not current"));
    }

    @Test
    void aDuplicateOperationIdIsDetectedAndExposed() throws Exception {
        Stubs booking = Stubs.of("facility-booking");
        String original = booking.contract();
        ObjectNode changed = (ObjectNode) MAPPER.readTree(original);
        ((ObjectNode) changed.path("paths").path("/api/v1/bookings").path("post")).put("operationId", "submitApplication");
        booking.contract(MAPPER.writeValueAsString(changed));
        try {
            JsonNode doc = refresh();
            JsonNode errors = doc.path("info").path("x-merge-errors");
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).asText().startsWith("Duplicate operationId 'submitApplication'"));
        } finally {
            booking.contract(original);
        }
        assertTrue(refresh().path("info").path("x-merge-errors").isMissingNode());
    }

    @Test
    void swaggerUiLoadsTheMergedContractWithPkceLogin() {
        given().redirects().follow(false).get("/").then().statusCode(302).header("Location", "/q/swagger-ui/");
        given().get("/q/swagger-ui/").then().statusCode(200)
                .body(containsString("/q/openapi"))
                .body(containsString("catapult-swagger"))
                .body(containsString("usePkceWithAuthorizationCodeGrant: true"))
                // A list of the whole contract and each service's part, the whole first.
                .body(containsString("{url: \"/q/openapi\", name: \"All services\"}"))
                .body(containsString("{url: \"/q/openapi?service=facility-booking\", name: \"facility-booking\"}"))
                .body(containsString("urls.primaryName"));
    }

    /** A merge round that started after the stubs changed (a round already in flight is shared, so await two). */
    private JsonNode refresh() throws Exception {
        contract.refresh().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        contract.refresh().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        return MAPPER.readTree(given().get("/q/openapi").asByteArray());
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode node : array) {
            if (node.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}

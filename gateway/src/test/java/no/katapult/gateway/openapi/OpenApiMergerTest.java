package no.katapult.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The merge rules on the fixture contracts in src/test/resources/openapi. */
class OpenApiMergerTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final OpenApiMerger.Settings SETTINGS = new OpenApiMerger.Settings("Norsk katapult API",
            "One API.", "1.2.3", "https://api.katapult.example", "https://sso.example/realms/catapult/",
            "Norsk katapult API", "api@katapult.example");

    final OpenApiMerger merger = new OpenApiMerger();

    @Test
    void pathsAreKeptAndIdenticalSchemasKeptOnce() throws IOException {
        OpenApiMerger.Result result = merger.merge(allThree(), SETTINGS);
        JsonNode doc = result.document();
        assertEquals("3.1.0", doc.path("openapi").asText());
        for (String path : List.of("/api/v1/centres", "/api/v1/centres/{code}", "/api/v1/organisations/{orgNo}",
                "/api/v1/calls", "/api/v1/applications", "/api/v1/bookings", "/api/v1/availability/{facilityId}",
                "/api/v1/aid/{orgNo}")) {
            assertTrue(doc.path("paths").has(path), path);
        }
        JsonNode schemas = doc.path("components").path("schemas");
        // Problem, FieldError and Money have one content everywhere: kept once under their own name.
        assertTrue(schemas.has("Problem"));
        assertTrue(schemas.has("FieldError"));
        assertTrue(schemas.has("Money"));
        assertFalse(schemas.has("BookingMoney"));
        assertFalse(schemas.has("ApplicationMoney"));
        assertEquals(List.of(), result.errors());
        assertEquals(List.of(), result.missingServices());
    }

    @Test
    void collidingSchemasAreRenamedWithTheServicePrefixAndEveryRefRewritten() throws IOException {
        JsonNode doc = merger.merge(allThree(), SETTINGS).document();
        JsonNode schemas = doc.path("components").path("schemas");
        assertFalse(schemas.has("Status"), "a name with two contents must not stay ambiguous");
        assertEquals("ACTIVE", schemas.path("RegistryStatus").path("enum").get(0).asText());
        assertEquals("DRAFT", schemas.path("ApplicationStatus").path("enum").get(0).asText());
        assertEquals("REQUESTED", schemas.path("BookingStatus").path("enum").get(0).asText());
        assertEquals("#/components/schemas/RegistryStatus",
                schemas.path("Centre").path("properties").path("status").path("$ref").asText());
        assertEquals("#/components/schemas/ApplicationStatus",
                schemas.path("Application").path("properties").path("status").path("$ref").asText());
        assertEquals("#/components/schemas/BookingStatus",
                schemas.path("Booking").path("properties").path("status").path("$ref").asText());
        assertNoDanglingRefs(doc, doc);
    }

    @Test
    void renamingPropagatesToSchemasThatOnlyDifferThroughARenamedRef() throws IOException {
        // Both services declare an identical-looking "Page" that refers to their own, different, "Item".
        ObjectNode a = page("A-item");
        ObjectNode b = page("B-item");
        OpenApiMerger.Result result = merger.merge(List.of(
                new OpenApiMerger.Source("svc-a", "A", a, false),
                new OpenApiMerger.Source("svc-b", "B", b, false)), SETTINGS);
        JsonNode schemas = result.document().path("components").path("schemas");
        assertTrue(schemas.has("AItem") && schemas.has("BItem"));
        assertTrue(schemas.has("APage") && schemas.has("BPage"), schemas.toString());
        assertEquals("#/components/schemas/AItem", schemas.path("APage").path("properties").path("items")
                .path("items").path("$ref").asText());
        assertEquals("#/components/schemas/BPage", result.document().path("paths").path("/b/pages").path("get")
                .path("responses").path("200").path("content").path("application/json").path("schema")
                .path("$ref").asText());
        assertNoDanglingRefs(result.document(), result.document());
    }

    @Test
    void duplicateOperationIdIsReportedNotSilentlyMerged() throws IOException {
        List<OpenApiMerger.Source> sources = allThree();
        ObjectNode booking = (ObjectNode) sources.get(2).document();
        ((ObjectNode) booking.path("paths").path("/api/v1/bookings").path("post")).put("operationId", "listCentres");
        OpenApiMerger.Result result = merger.merge(sources, SETTINGS);
        assertEquals(1, result.errors().size(), result.errors().toString());
        String error = result.errors().get(0);
        assertTrue(error.contains("Duplicate operationId 'listCentres'"), error);
        assertTrue(error.contains("catapult-registry GET /api/v1/centres"), error);
        assertTrue(error.contains("facility-booking POST /api/v1/bookings"), error);
        assertEquals(error, result.document().path("info").path("x-merge-errors").get(0).asText());
        // Both operations are still there: nothing was overwritten.
        assertTrue(result.document().path("paths").path("/api/v1/bookings").has("post"));
        assertTrue(result.document().path("paths").path("/api/v1/centres").has("get"));
    }

    @Test
    void aServiceThatNeverDeliveredIsListedAsMissingAndTheOthersAreServed() throws IOException {
        List<OpenApiMerger.Source> sources = new ArrayList<>(allThree());
        sources.set(1, new OpenApiMerger.Source("application-service", "Application", null, true));
        OpenApiMerger.Result result = merger.merge(sources, SETTINGS);
        JsonNode info = result.document().path("info");
        assertEquals(List.of("application-service"), result.missingServices());
        assertEquals("application-service", info.path("x-missing-services").get(0).asText());
        assertTrue(info.path("description").asText().contains("**Missing:** application-service"));
        assertFalse(result.document().path("paths").has("/api/v1/calls"));
        assertTrue(result.document().path("paths").has("/api/v1/centres"));
        assertTrue(result.document().path("paths").has("/api/v1/bookings"));
        // With only two services left, Status still collides, but application's copy is gone.
        assertFalse(result.document().path("components").path("schemas").has("ApplicationStatus"));
    }

    @Test
    void aStaleServiceIsServedFromItsLastGoodCopyAndMarked() throws IOException {
        List<OpenApiMerger.Source> sources = new ArrayList<>(allThree());
        OpenApiMerger.Source booking = sources.get(2);
        sources.set(2, new OpenApiMerger.Source(booking.service(), booking.schemaPrefix(), booking.document(), true));
        JsonNode doc = merger.merge(sources, SETTINGS).document();
        assertTrue(doc.path("paths").has("/api/v1/bookings"));
        assertEquals("stale", doc.path("info").path("x-services").get(2).path("status").asText());
        assertTrue(doc.path("info").path("description").asText().contains("**Not current:** facility-booking"));
    }

    @Test
    void oneOidcSchemeServersInfoAndTagGroups() throws IOException {
        JsonNode doc = merger.merge(allThree(), SETTINGS).document();
        JsonNode schemes = doc.path("components").path("securitySchemes");
        assertEquals(1, schemes.size());
        // OAuth 2.0 with the authorization code flow only, so Swagger UI offers exactly one way to sign in.
        JsonNode oidc = schemes.path("oidc");
        assertEquals("oauth2", oidc.path("type").asText());
        assertEquals(List.of("authorizationCode"), fieldNames(oidc.path("flows")));
        JsonNode code = oidc.path("flows").path("authorizationCode");
        assertEquals("https://sso.example/realms/catapult/protocol/openid-connect/auth", code.path("authorizationUrl").asText());
        assertEquals("https://sso.example/realms/catapult/protocol/openid-connect/token", code.path("tokenUrl").asText());
        assertEquals(List.of("openid", "profile", "email"), fieldNames(code.path("scopes")));
        assertTrue(oidc.path("description").asText().contains("grant_type=client_credentials"),
                "the partners' way in is described");
        assertFalse(doc.has("security"));
        // application-service declared a global requirement under another name: now per operation, as oidc.
        assertEquals("[{\"oidc\":[]}]", doc.path("paths").path("/api/v1/applications").path("post")
                .path("security").toString());
        assertEquals("[{}]", doc.path("paths").path("/api/v1/calls").path("get").path("security").toString());
        assertEquals("[{\"oidc\":[]}]", doc.path("paths").path("/api/v1/bookings").path("post")
                .path("security").toString());
        assertEquals("[]", doc.path("paths").path("/api/v1/centres").path("get").path("security").toString(),
                "a public operation says so");

        assertEquals("https://api.katapult.example", doc.path("servers").get(0).path("url").asText());
        assertEquals("Norsk katapult API", doc.path("info").path("title").asText());
        assertEquals("1.2.3", doc.path("info").path("version").asText());
        assertTrue(doc.path("info").path("description").asText().startsWith("One API."));

        JsonNode groups = doc.path("x-tagGroups");
        assertEquals(3, groups.size());
        assertEquals("catapult-registry", groups.get(0).path("name").asText());
        assertEquals("[\"Centres\",\"Organisations\"]", groups.get(0).path("tags").toString());
        assertEquals("[\"Aid\",\"Availability\",\"Bookings\"]", groups.get(2).path("tags").toString());
        List<String> tagNames = new ArrayList<>();
        doc.path("tags").forEach(t -> tagNames.add(t.path("name").asText()));
        assertTrue(tagNames.containsAll(List.of("Centres", "Organisations", "Calls", "Applications", "Bookings",
                "Availability", "Aid")), tagNames.toString());
    }

    @Test
    void theRolesAServiceListsAsScopesBecomeXRolesAndASentence() throws IOException {
        List<OpenApiMerger.Source> sources = allThree();
        ObjectNode post = (ObjectNode) sources.get(2).document().path("paths").path("/api/v1/bookings").path("post");
        post.set("security", MAPPER.readTree("[{\"oidc\": [\"sme\", \"siva-admin\"]}]"));
        post.put("description", "Books a facility.");

        JsonNode merged = merger.merge(sources, SETTINGS).document().path("paths").path("/api/v1/bookings").path("post");
        assertEquals("[{\"oidc\":[]}]", merged.path("security").toString(), "no scopes the scheme does not declare");
        assertEquals("[\"siva-admin\",\"sme\"]", merged.path("x-roles").toString());
        assertEquals("Books a facility.\n\nRoles: `siva-admin`, `sme`.", merged.path("description").asText());
    }

    @Test
    void theEventEnvelopeNamesEverySchemaAnEventCarriesAsData() throws IOException {
        JsonNode schemas = MAPPER.readTree("""
                {"EventsCloudEvent": {"x-event-envelope": true, "type": "object",
                   "properties": {"id": {"type": "string"}, "data": {"type": "object", "description": "The resource"}}},
                 "BookingPartnerBooking": {"x-event-data": true, "type": "object"},
                 "Centre": {"x-event-data": true, "type": "object"},
                 "Unrelated": {"type": "object"}}""");
        OpenApiMerger.linkEventData(schemas);
        JsonNode data = schemas.path("EventsCloudEvent").path("properties").path("data");
        assertEquals("The resource", data.path("description").asText());
        assertEquals("[{\"$ref\":\"#/components/schemas/BookingPartnerBooking\"},{\"$ref\":\"#/components/schemas/Centre\"}]",
                data.path("anyOf").toString());
        assertEquals("string", schemas.path("EventsCloudEvent").path("properties").path("id").path("type").asText());
    }

    @Test
    void aPathClaimedByTwoServicesIsAnError() throws IOException {
        List<OpenApiMerger.Source> sources = allThree();
        ObjectNode booking = (ObjectNode) sources.get(2).document();
        ((ObjectNode) booking.path("paths")).set("/api/v1/calls", MAPPER.createObjectNode());
        OpenApiMerger.Result result = merger.merge(sources, SETTINGS);
        assertTrue(result.errors().stream().anyMatch(e -> e.startsWith("Path /api/v1/calls is served by both")),
                result.errors().toString());
    }

    static List<OpenApiMerger.Source> allThree() throws IOException {
        return List.of(
                new OpenApiMerger.Source("catapult-registry", "Registry", fixture("catapult-registry"), false),
                new OpenApiMerger.Source("application-service", "Application", fixture("application-service"), false),
                new OpenApiMerger.Source("facility-booking", "Booking", fixture("facility-booking"), false));
    }

    static JsonNode fixture(String name) throws IOException {
        try (InputStream in = OpenApiMergerTest.class.getResourceAsStream("/openapi/" + name + ".json")) {
            return MAPPER.readTree(in);
        }
    }

    private static ObjectNode page(String itemTitle) throws IOException {
        String prefix = itemTitle.substring(0, 1).toLowerCase();
        return (ObjectNode) MAPPER.readTree("""
                {"openapi":"3.1.0","info":{"title":"x","version":"1"},
                 "paths":{"/%s/pages":{"get":{"operationId":"%sPages","responses":{"200":{"description":"ok",
                   "content":{"application/json":{"schema":{"$ref":"#/components/schemas/Page"}}}}}}}},
                 "components":{"schemas":{
                   "Page":{"type":"object","properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Item"}}}},
                   "Item":{"type":"object","title":"%s"}}}}
                """.formatted(prefix, prefix, itemTitle));
    }

    /** Every local $ref in {@code node} resolves in {@code doc}. */
    static void assertNoDanglingRefs(JsonNode node, JsonNode doc) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref") && e.getValue().asText().startsWith("#/")) {
                    JsonNode target = doc.at(e.getValue().asText().substring(1));
                    assertFalse(target.isMissingNode(), "dangling " + e.getValue().asText());
                } else {
                    assertNoDanglingRefs(e.getValue(), doc);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> assertNoDanglingRefs(child, doc));
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package no.katapult.common.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleCheckerTest {

    /** A 3.1 contract whose examples are all right; each test spoils one of them. */
    static final String CONTRACT = """
            {
              "openapi": "3.1.0",
              "paths": {
                "/things/{id}": {
                  "parameters": [
                    {"name": "id", "in": "path", "required": true,
                     "schema": {"$ref": "#/components/schemas/Id"}, "example": "4d8d73de-8b99-32d2-a849-ec3f304f6593"}
                  ],
                  "put": {
                    "parameters": [
                      {"name": "If-Match", "in": "header", "schema": {"type": "string"}, "example": "\\"0\\""}
                    ],
                    "requestBody": {"content": {"application/json": {
                      "schema": {"$ref": "#/components/schemas/Thing"},
                      "examples": {
                        "inline": {"value": {"id": "3bea15be-1127-369c-8d7e-d096dc36cf55", "kind": "ROBOT", "count": 2}},
                        "shared": {"$ref": "#/components/examples/SharedThing"}
                      }
                    }}},
                    "responses": {
                      "201": {
                        "headers": {"X-Count": {"schema": {"type": "integer"}, "example": 3}},
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"},
                          "example": {"id": "62a1ad85-fcf5-3f01-ae26-40fc2690d5a0", "kind": "LATHE", "count": 0,
                                      "updatedAt": "2025-03-01T08:00:00Z", "on": "2025-03-01", "contact": "post@example.no"}}}
                      },
                      "404": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"},
                        "example": {"type": "urn:katapult:problem:not-found", "title": "Not found", "status": 404}}}}
                    }
                  }
                }
              },
              "components": {
                "examples": {
                  "SharedThing": {"value": {"id": "6cd49514-f395-369a-804f-b47566b88077", "kind": "ROBOT", "count": 1}}
                },
                "schemas": {
                  "Id": {"type": "string", "format": "uuid", "examples": ["2c1bd0bf-17fe-31fe-87ed-13860dd88583"]},
                  "Kind": {"type": "string", "enum": ["ROBOT", "LATHE"]},
                  "Thing": {
                    "type": "object",
                    "required": ["id", "kind"],
                    "properties": {
                      "id": {"$ref": "#/components/schemas/Id"},
                      "kind": {"$ref": "#/components/schemas/Kind"},
                      "count": {"type": "integer", "minimum": 0, "examples": [5]},
                      "note": {"type": ["string", "null"], "examples": [null, "fragile"]},
                      "updatedAt": {"type": "string", "format": "date-time"},
                      "on": {"type": "string", "format": "date"},
                      "contact": {"type": "string", "format": "email"}
                    }
                  },
                  "Problem": {
                    "type": "object",
                    "required": ["type", "title", "status"],
                    "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}}
                  }
                }
              }
            }
            """;

    /** The examples in CONTRACT: 1 path parameter, 1 header parameter, 2 request, 1 response header, 2 responses, 4 in schemas. */
    static final int EXAMPLES = 11;

    @Test
    void rightExamplesPassAndAllAreCounted() {
        ExampleChecker.Result result = ExampleChecker.check(CONTRACT);
        assertEquals(List.of(), result.failures());
        assertEquals(EXAMPLES, result.checked());
    }

    @Test
    void wrongTypeIsReportedWithItsLocation() {
        List<String> failures = failuresAfter("\"count\": 0,", "\"count\": \"none\",");
        assertEquals(List.of("PUT /things/{id} response 201 application/json example: /count string found, integer expected"),
                failures);
    }

    @Test
    void missingRequiredMemberIsReported() {
        List<String> failures = failuresAfter(
                "\"value\": {\"id\": \"6cd49514-f395-369a-804f-b47566b88077\", \"kind\": \"ROBOT\", \"count\": 1}",
                "\"value\": {\"id\": \"6cd49514-f395-369a-804f-b47566b88077\", \"count\": 1}");
        assertEquals(List.of("PUT /things/{id} request application/json examples.shared: required property 'kind' not found"),
                failures);
    }

    @Test
    void valueOutsideTheEnumIsReported() {
        List<String> failures = failuresAfter("\"kind\": \"LATHE\"", "\"kind\": \"DRILL\"");
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).startsWith("PUT /things/{id} response 201 application/json example: /kind "), failures::toString);
        assertTrue(failures.get(0).contains("enumeration"), failures::toString);
    }

    @Test
    void formatsAreAsserted() {
        String spoilt = CONTRACT
                .replace("\"example\": \"4d8d73de-8b99-32d2-a849-ec3f304f6593\"", "\"example\": \"thing-1\"")
                .replace("2025-03-01T08:00:00Z", "2025-03-01 08:00")
                .replace("\"2025-03-01\"", "\"2025-02-30\"")
                .replace("post@example.no", "post at example.no");
        List<String> failures = ExampleChecker.check(spoilt).failures();
        assertEquals(4, failures.size(), failures::toString);
        assertTrue(failures.get(0).startsWith("/things/{id} parameter id example: "), failures::toString);
        assertTrue(failures.get(0).contains("UUID"), failures::toString);
        assertTrue(failures.stream().anyMatch(f -> f.contains("example: /updatedAt ") && f.contains("date-time")), failures::toString);
        assertTrue(failures.stream().anyMatch(f -> f.contains("example: /on ") && f.contains("full-date")), failures::toString);
        assertTrue(failures.stream().anyMatch(f -> f.contains("example: /contact ") && f.contains("Mailbox")), failures::toString);
    }

    @Test
    void schemaExamplesAndProblemExamplesAreChecked() {
        String spoilt = CONTRACT
                .replace("\"examples\": [5]", "\"examples\": [-1]")
                .replace("\"status\": 404}", "\"status\": \"404\"}");
        assertEquals(List.of(
                        "PUT /things/{id} response 404 application/problem+json example: /status string found, integer expected",
                        "components.schemas.Thing.properties.count examples[0]: must have a minimum value of 0"),
                ExampleChecker.check(spoilt).failures());
    }

    @Test
    void everyFailureIsListedNotJustTheFirst() {
        String spoilt = CONTRACT.replace("\"count\": 2", "\"count\": -2").replace("\"example\": 3", "\"example\": \"three\"");
        assertEquals(2, ExampleChecker.check(spoilt).failures().size());
    }

    @Test
    void nullableFollowsTheDocumentsOpenApiVersion() {
        String v30 = """
                {"openapi": "3.0.3", "components": {"schemas": {
                  "Note": {"type": "string", "nullable": true, "example": null},
                  "Name": {"type": "string", "example": null}}}}
                """;
        assertEquals(List.of("components.schemas.Name example: null found, string expected"), ExampleChecker.check(v30).failures());
        // In 3.1 nullable is no keyword: null must be in the type.
        String v31 = v30.replace("3.0.3", "3.1.0");
        assertEquals(2, ExampleChecker.check(v31).failures().size());
    }

    @Test
    void aDanglingRefFailsItsExample() {
        String spoilt = CONTRACT.replace("\"#/components/schemas/Problem\"", "\"#/components/schemas/Missing\"");
        List<String> failures = ExampleChecker.check(spoilt).failures();
        assertEquals(1, failures.size(), failures::toString);
        assertTrue(failures.get(0).startsWith("PUT /things/{id} response 404 application/problem+json example: "), failures::toString);
    }

    @Test
    void anUnknownOpenApiVersionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExampleChecker.check("{\"swagger\": \"2.0\"}"));
    }

    private static List<String> failuresAfter(String right, String wrong) {
        assertTrue(CONTRACT.contains(right), right);
        return ExampleChecker.check(CONTRACT.replace(right, wrong)).failures();
    }
}

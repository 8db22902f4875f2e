package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.client.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journey 4, after the others (junit-platform.properties orders classes by @Order): the journeys' generated client
 * was made from the contract the gateway serves, and every request the journeys sent is an operation of it.
 */
@Order(Integer.MAX_VALUE)
class ContractJourneyTest {

    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private static JsonNode served;

    @BeforeAll
    static void servedContract() {
        Answer doc = API.get("/q/openapi").query("format", "json").send();
        assertEquals(200, doc.status(), doc::toString);
        served = doc.json();
        assertTrue(served.path("openapi").asText().startsWith("3.1"), "OpenAPI 3.1");
    }

    @Test
    void theGeneratedClientComesFromTheServedContract() throws IOException {
        JsonNode built;
        try (InputStream in = ContractJourneyTest.class.getResourceAsStream("/openapi/katapult.json")) {
            assertTrue(in != null, "openapi-client's jar holds openapi/katapult.json");
            built = new ObjectMapper().readTree(in);
        }
        // Examples may differ (the example booking moves with the date); every path, operation and schema may not.
        assertEquals(withoutExamples(built.path("paths")), withoutExamples(served.path("paths")),
                "the paths the client was generated from are the served ones");
        assertEquals(withoutExamples(built.path("components").path("schemas")),
                withoutExamples(served.path("components").path("schemas")),
                "the schemas the client was generated from are the served ones");
    }

    @Test
    void everyRequestTheJourneysSentIsAnOperationOfTheContract() {
        Set<String> sent = Clients.sent();
        assertTrue(sent.size() >= 20, () -> "run with the other journeys (-Dtest='*JourneyTest'): only " + sent.size()
                + " requests were recorded: " + sent);
        List<Pattern> operations = new ArrayList<>();
        served.path("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
            if (path.getValue().has(method)) {
                operations.add(Pattern.compile(method.toUpperCase() + " "
                        + path.getKey().replaceAll("\\{[^}]+}", "[^/]+")));
            }
        }));
        Set<String> unknown = new TreeSet<>();
        for (String request : sent) {
            if (operations.stream().noneMatch(p -> p.matcher(request).matches())) {
                unknown.add(request);
            }
        }
        assertTrue(unknown.isEmpty(), () -> "requests the merged contract does not describe: " + unknown);
    }

    private static JsonNode withoutExamples(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("example", "examples"));
        }
        node.forEach(ContractJourneyTest::strip);
    }
}

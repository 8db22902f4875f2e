package no.katapult.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.client.Answer;
import no.katapult.client.Request;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Set<Pattern> used = new HashSet<>();
        for (String request : sent) {
            // The most literal operation: GET /api/v1/bookings/usage is not GET /api/v1/bookings/{id}.
            operations.stream().filter(p -> p.matcher(request).matches())
                    .min(Comparator.comparingInt(p -> p.pattern().split("\\[\\^/]\\+", -1).length))
                    .ifPresentOrElse(used::add, () -> unknown.add(request));
        }
        System.out.println("[contract] the journeys sent " + sent.size() + " distinct requests, to " + used.size()
                + " of the contract's " + operations.size() + " operations");
        assertTrue(unknown.isEmpty(), () -> "requests the merged contract does not describe: " + unknown);
    }

    /** Who tries an operation out: the first demo user that holds one of its roles, in this order. */
    static final Map<String, String> USER_OF_ROLE = new LinkedHashMap<>();

    static {
        USER_OF_ROLE.put("sme", "sme-anna");
        USER_OF_ROLE.put("siva-admin", "siva-admin");
        USER_OF_ROLE.put("applicant", "applicant-mcb");
        USER_OF_ROLE.put("reviewer", "reviewer-1");
        USER_OF_ROLE.put("centre-operator", "operator-halden");
    }

    /** Lists that are empty in the demo, and why: every other page must show data. */
    static final Map<String, String> EMPTY_IN_THE_DEMO = Map.of("/api/v1/subscriptions",
            "the demo subscribes no webhook receiver: deliveries to nowhere would be retried for days");

    /**
     * "Try it out" as Swagger UI does it: every GET whose required parameters all have examples, sent with every
     * example it has (optional ones too, as the UI fills them in), as a demo user of its roles, answers 200 with
     * data (a non-empty list where it is a page).
     */
    @Test
    void everyGetWithExamplesAnswers200WithData() {
        List<String> tried = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        served.path("paths").fields().forEachRemaining(entry -> {
            JsonNode get = entry.getValue().path("get");
            if (get.isMissingNode()) {
                return;
            }
            String path = entry.getKey();
            Request request = null;
            Map<String, String> pathValues = new LinkedHashMap<>();
            Map<String, String> queryValues = new LinkedHashMap<>();
            boolean complete = true;
            for (JsonNode parameter : get.path("parameters")) {
                String example = example(parameter);
                if (example == null) {
                    complete &= !parameter.path("required").asBoolean();
                } else if (parameter.path("in").asText().equals("path")) {
                    pathValues.put(parameter.path("name").asText(), example);
                } else if (parameter.path("in").asText().equals("query")) {
                    queryValues.put(parameter.path("name").asText(), example);
                }
            }
            if (!complete) {
                skipped.add(path);
                return;
            }
            String url = path;
            for (Map.Entry<String, String> p : pathValues.entrySet()) {
                url = url.replace("{" + p.getKey() + "}", p.getValue());
            }
            request = API.get(url).header("Accept", "application/json");
            queryValues.forEach(request::query);
            String who = signIn(request, get);
            Answer answer = request.send();
            tried.add("GET " + url + " as " + who);
            if (answer.status() != 200) {
                failed.add("GET " + url + " as " + who + ": " + answer.status() + " " + answer.body());
            } else if (answer.json().has("items") && answer.json().path("items").isEmpty()
                    && !EMPTY_IN_THE_DEMO.containsKey(path)) {
                failed.add("GET " + url + " as " + who + ": an empty list");
            }
        });
        System.out.println("[contract] tried " + tried.size() + " GETs with their examples; without examples for a required parameter: " + skipped);
        assertTrue(failed.isEmpty(), () -> "GETs whose examples do not work: " + failed);
        assertTrue(tried.size() >= 12, () -> "too few GETs tried: " + tried);
    }

    /** Signs the request in as the operation's x-roles ask; public operations go anonymously. */
    private static String signIn(Request request, JsonNode operation) {
        JsonNode security = operation.path("security");
        if (security.isArray() && security.isEmpty()) {
            return "anonymous";
        }
        Set<String> roles = new TreeSet<>();
        operation.path("x-roles").forEach(r -> roles.add(r.asText()));
        for (Map.Entry<String, String> role : USER_OF_ROLE.entrySet()) {
            if (roles.contains(role.getKey()) || roles.contains("**")) {
                request.as(role.getValue());
                return role.getValue();
            }
        }
        if (roles.contains("partner")) {
            request.asClient(Suite.PARTNER, Suite.PARTNER_SECRET);
            return Suite.PARTNER;
        }
        throw new AssertionError("no demo user for the roles " + roles);
    }

    /** The parameter's example as Swagger UI would fill it in, or null. */
    private static String example(JsonNode parameter) {
        JsonNode value = parameter.get("example");
        if (value == null && parameter.path("examples").isObject() && parameter.path("examples").size() > 0) {
            value = parameter.path("examples").elements().next().get("value");
        }
        if (value == null) {
            value = parameter.path("schema").get("example");
        }
        if (value == null && parameter.path("schema").path("examples").isArray() && !parameter.path("schema").path("examples").isEmpty()) {
            value = parameter.path("schema").path("examples").get(0);
        }
        return value == null || value.isNull() ? null : value.asText();
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

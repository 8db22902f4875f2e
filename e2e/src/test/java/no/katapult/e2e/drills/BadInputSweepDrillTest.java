package no.katapult.e2e.drills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static no.katapult.e2e.drills.Drills.call;
import static no.katapult.e2e.drills.Drills.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drill: for every POST and PUT of the merged contract, bad input of every kind. Malformed JSON, wrong types,
 * missing required fields, oversized strings, an invalid orgNo and reversed time ranges must each be answered
 * with a 4xx problem+json without a stack trace; never a 5xx.
 *
 * <p>Each operation starts from its own example in the contract, made valid against the running suite: its
 * ids point at resources the sweep created for itself (a centre, facility, equipment item, call, application,
 * booking, organisation), so that a variant fails for its own fault only and never touches the demo data.
 */
class BadInputSweepDrillTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String BIG = "x".repeat(100_000);
    private static final String TAG = "bad input sweep " + UUID.randomUUID().toString().substring(0, 8);
    /** Start/end pairs whose order the services must check. */
    private static final List<List<String>> RANGES = List.of(List.of("start", "end"), List.of("opensAt", "closesAt"),
            List.of("from", "to"), List.of("validFrom", "validTo"));

    record Outcome(String operation, String variant, Drills.Reply reply) {
        @Override
        public String toString() {
            return operation + " [" + variant + "] -> " + reply;
        }
    }

    private static final List<Outcome> OUTCOMES = new ArrayList<>();
    private static final List<String> SKIPPED = new ArrayList<>();
    private static JsonNode contract;
    private static final Map<String, String> IDS = new LinkedHashMap<>();
    private static List<Drills.Slot> bookingSlots;
    private static String sandboxCentreCode;
    private static String sweepBooking;

    @BeforeAll
    static void sweep() {
        Drills.awaitHealthy();
        Drills.Reply doc = Drills.get("/q/openapi?format=json", null);
        assertEquals(200, doc.status(), doc::toString);
        contract = doc.json();
        createSandbox();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase();
            if (method.equals("POST") || method.equals("PUT")) {
                sweepOperation(method, path.getKey(), op.getValue());
            }
        }));
        Map<Integer, Long> byStatus = OUTCOMES.stream().collect(
                Collectors.groupingBy(o -> o.reply().status(), TreeMap::new, Collectors.counting()));
        long operations = OUTCOMES.stream().map(Outcome::operation).distinct().count();
        System.out.printf("[drill bad-input] %d requests over %d POST/PUT operations; answers by status: %s%n",
                OUTCOMES.size(), operations, byStatus);
        Map<String, Map<Integer, Long>> byKind = OUTCOMES.stream().collect(Collectors.groupingBy(
                o -> kind(o.variant()), TreeMap::new, Collectors.groupingBy(o -> o.reply().status(), TreeMap::new, Collectors.counting())));
        byKind.forEach((kind, counts) -> System.out.printf("[drill bad-input]   %-36s %s%n", kind, counts));
        SKIPPED.forEach(s -> System.out.println("[drill bad-input] skipped: " + s));
        OUTCOMES.stream().filter(o -> !good(o.reply()))
                .forEach(o -> System.out.println("[drill bad-input] NOT A 4xx PROBLEM: " + o));
    }

    private static String kind(String variant) {
        if (variant.startsWith("wrong type:")) {
            return "wrong type in one field";
        }
        if (variant.startsWith("100 kB in ") && !variant.contains("every")) {
            return "100 kB in one string field";
        }
        return variant;
    }

    @AfterAll
    static void cleanUp() {
        Drills.cancelQuietly(sweepBooking, "Bad input sweep: clean-up");
        // A variant that was wrongly accepted may have booked a slot: free it again.
        OUTCOMES.stream().filter(o -> o.operation().equals("POST /api/v1/bookings") && o.reply().status() == 201)
                .forEach(o -> Drills.cancelQuietly(o.reply().json().path("id").asText(), "Bad input sweep: clean-up"));
    }

    @Test
    void noAnswerIsAServerError() {
        List<Outcome> serverErrors = OUTCOMES.stream().filter(o -> o.reply().status() >= 500 || o.reply().status() == 0)
                .toList();
        assertEquals(List.of(), serverErrors.stream().map(Outcome::toString).toList(), "5xx answers to bad input");
    }

    @Test
    void everyAnswerIsA4xxProblemWithoutStackTrace() {
        assertTrue(OUTCOMES.size() > 100, "the sweep sent " + OUTCOMES.size() + " requests");
        List<String> bad = OUTCOMES.stream().filter(o -> !good(o.reply())).map(Outcome::toString).toList();
        assertEquals(List.of(), bad, "answers to bad input that are not a 4xx problem+json");
    }

    private static boolean good(Drills.Reply r) {
        return r.status() >= 400 && r.status() < 500 && r.isProblem() && !r.hasStackTrace();
    }

    // ---- the sandbox: valid ids for the examples ----

    private static void createSandbox() {
        sandboxCentreCode = "drill-sweep-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode centre = example("/api/v1/centres", "post");
        centre.put("code", sandboxCentreCode);
        centre.put("name", "Bad input sweep centre (test data)");
        centre.put("kind", "NATIONAL_CENTRE");
        centre.remove("parentCentreId");
        IDS.put("centres", created("POST", "/api/v1/centres", "siva-admin", centre));

        ObjectNode facility = example("/api/v1/facilities", "post");
        facility.put("centreId", IDS.get("centres"));
        facility.put("name", "Bad input sweep facility (test data)");
        IDS.put("facilities", created("POST", "/api/v1/facilities", "siva-admin", facility));

        ObjectNode equipment = example("/api/v1/equipment", "post");
        equipment.put("facilityId", IDS.get("facilities"));
        equipment.put("name", "Bad input sweep equipment (test data)");
        IDS.put("equipment", created("POST", "/api/v1/equipment", "siva-admin", equipment));

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode call = example("/api/v1/calls", "post");
        call.put("title", "Bad input sweep call (test data) " + TAG);
        call.put("opensAt", now.minusHours(1).toString());
        call.put("closesAt", now.plusDays(30).toString());
        IDS.put("calls", created("POST", "/api/v1/calls", "siva-admin", call));

        ObjectNode application = example("/api/v1/applications", "post");
        application.put("callId", IDS.get("calls"));
        application.put("title", "Bad input sweep application (test data)");
        IDS.put("applications", created("POST", "/api/v1/applications", "applicant-sin", application));

        String orgNo = Drills.randomOrgNo("96");
        Drills.Reply org = call("PUT", "/api/v1/organisations/" + orgNo, "siva-admin",
                json(Map.of("name", "Bad input sweep organisation (test data)", "kind", "COMPANY")));
        assertTrue(org.status() == 201 || org.status() == 200, org::toString);
        IDS.put("organisations", orgNo);

        bookingSlots = Drills.freeSlots(2);
        sweepBooking = Drills.book(bookingSlots.get(0), "Bad input sweep: target of the booking actions (test data)");
        IDS.put("bookings", sweepBooking);
        System.out.printf("[drill bad-input] sandbox: %s%n", IDS);
    }

    private static String created(String method, String path, String user, JsonNode body) {
        Drills.Reply r = paced(method, path, user, json(body), Map.of());
        assertEquals(201, r.status(), () -> "sandbox " + method + " " + path + ": " + r);
        return r.json().path("id").asText();
    }

    private static ObjectNode example(String path, String method) {
        JsonNode media = contract.path("paths").path(path).path(method).path("requestBody").path("content")
                .path("application/json");
        JsonNode value = media.has("example") ? media.path("example") : media.path("examples").elements().hasNext()
                ? media.path("examples").elements().next().path("value") : NODES.objectNode();
        return value.isObject() ? ((ObjectNode) value).deepCopy() : NODES.objectNode();
    }

    // ---- one operation ----

    private static void sweepOperation(String method, String template, JsonNode op) {
        String operation = method + " " + template;
        String user = userFor(template, op);
        if (user == null) {
            SKIPPED.add(operation + ": no demo user has one of its roles " + roles(op));
            return;
        }
        String path = fillPath(template);
        Map<String, String> headers = new LinkedHashMap<>();
        if (hasParameter(op, "If-Match")) {
            etag(path, user).ifPresent(tag -> headers.put("If-Match", tag));
        }
        if (hasParameter(op, "Idempotency-Key")) {
            headers.put("Idempotency-Key", "");
        }
        if (template.contains("{")) {
            send(operation, "path parameter that is no id", method, template.replaceAll("\\{[^}]+}", "not-an-id"),
                    user, op.has("requestBody") ? json(baseline(template, method, op)) : null, headers);
        }
        if (!op.has("requestBody")) {
            SKIPPED.add(operation + ": takes no request body; only the path was tried");
            return;
        }
        JsonNode schema = resolve(op.path("requestBody").path("content").path("application/json").path("schema"));
        ObjectNode base = baseline(template, method, op);
        String baseJson = json(base);

        send(operation, "malformed JSON", method, path, user, baseJson.substring(0, baseJson.length() / 2), headers);
        send(operation, "not an object", method, path, user, "[1, 2, 3]", headers);
        if (schema.path("required").size() > 0) {
            send(operation, "missing required fields {}", method, path, user, "{}", headers);
            ObjectNode missing = base.deepCopy();
            schema.path("required").forEach(r -> missing.remove(r.asText()));
            send(operation, "required fields left out", method, path, user, json(missing), headers);
        }

        Set<String> properties = new LinkedHashSet<>();
        schema.path("properties").fieldNames().forEachRemaining(properties::add);
        base.fieldNames().forEachRemaining(properties::add);
        ObjectNode allWrong = base.deepCopy();
        for (String property : properties) {
            JsonNode wrong = wrongType(schema.path("properties").path(property), base.get(property));
            allWrong.set(property, wrong);
            ObjectNode one = base.deepCopy();
            one.set(property, wrong);
            send(operation, "wrong type: " + property + " = " + wrong, method, path, user, json(one), headers);
        }
        send(operation, "wrong types everywhere", method, path, user, json(allWrong), headers);

        ObjectNode allBig = base.deepCopy();
        replaceStrings(allBig, BIG);
        send(operation, "100 kB in every string", method, path, user, json(allBig), headers);
        for (String property : properties) {
            JsonNode propertySchema = resolve(schema.path("properties").path(property));
            boolean stringProperty = propertySchema.path("type").asText().equals("string")
                    || (base.has(property) && base.get(property).isTextual());
            if (stringProperty) {
                ObjectNode one = base.deepCopy();
                one.put(property, BIG);
                send(operation, "100 kB in " + property, method, path, user, json(one), headers);
            }
        }

        ObjectNode badOrgNo = base.deepCopy();
        if (schema.path("properties").has("orgNo")) {
            badOrgNo.put("orgNo", "123456789");
        }
        if (setEverywhere(badOrgNo, "orgNo", NODES.textNode("123456789")) > 0
                || schema.path("properties").has("orgNo")) {
            send(operation, "invalid orgNo 123456789 in the body", method, path, user, json(badOrgNo), headers);
        }
        if (template.contains("{orgNo}")) {
            send(operation, "invalid orgNo 123456789 in the path", method, template.replace("{orgNo}", "123456789"),
                    user, baseJson, Map.of());
        }

        for (List<String> pair : RANGES) {
            ObjectNode reversed = base.deepCopy();
            if (reverseEverywhere(reversed, pair.get(0), pair.get(1)) > 0) {
                send(operation, "reversed range " + pair.get(0) + " > " + pair.get(1), method, path, user,
                        json(reversed), headers);
            }
        }
    }

    /** The operation's example, pointed at the sandbox's resources and a free slot. */
    private static ObjectNode baseline(String template, String method, JsonNode op) {
        ObjectNode base = example(template, method.toLowerCase());
        replaceIfPresent(base, "callId", IDS.get("calls"));
        replaceIfPresent(base, "centreId", IDS.get("centres"));
        replaceIfPresent(base, "facilityId", IDS.get("facilities"));
        if (template.equals("/api/v1/bookings")) {
            // A free slot: a variant fails for its own fault, not for a conflict.
            Drills.Slot slot = bookingSlots.get(1);
            base.put("resourceType", "FACILITY");
            base.put("resourceId", slot.facilityId());
            base.put("start", slot.start().toString());
            base.put("end", slot.end().toString());
        }
        if (template.startsWith("/api/v1/centres")) {
            base.put("code", template.contains("{") ? sandboxCentreCode : "drill-sweep-" + UUID.randomUUID().toString()
                    .substring(0, 8));
            base.put("kind", "NATIONAL_CENTRE");
            base.remove("parentCentreId");
        }
        return base;
    }

    private static void replaceIfPresent(ObjectNode node, String field, String value) {
        if (node.has(field) && value != null) {
            node.put(field, value);
        }
    }

    private static String userFor(String template, JsonNode op) {
        List<String> roles = roles(op);
        if (template.equals("/api/v1/bookings") && roles.contains("sme")) {
            return "sme-anna";
        }
        if (template.startsWith("/api/v1/applications") && roles.contains("applicant")) {
            return "applicant-sin";
        }
        if (roles.contains("siva-admin") || roles.isEmpty()) {
            return "siva-admin";
        }
        for (String role : roles) {
            switch (role) {
                case "sme" -> {
                    return "sme-anna";
                }
                case "applicant" -> {
                    return "applicant-sin";
                }
                case "reviewer" -> {
                    return "reviewer-1";
                }
                case "centre-operator" -> {
                    return "operator-halden";
                }
                default -> {
                    // partner: a client, not a user; no write operation needs it
                }
            }
        }
        return null;
    }

    private static List<String> roles(JsonNode op) {
        List<String> roles = new ArrayList<>();
        op.path("security").forEach(requirement -> requirement.fields()
                .forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
        return roles;
    }

    private static boolean hasParameter(JsonNode op, String name) {
        for (JsonNode p : op.path("parameters")) {
            if (p.path("name").asText().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Path parameters: the sandbox resource of the collection, else a random UUID (404 is a fine answer). */
    private static String fillPath(String template) {
        String[] segments = template.split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.startsWith("{")) {
                String collection = segments[i - 1];
                s = IDS.getOrDefault(collection, UUID.randomUUID().toString());
            }
            sb.append('/').append(s);
        }
        return sb.toString();
    }

    /** The current ETag of the resource the operation acts on (the path up to its id). */
    private static Optional<String> etag(String path, String user) {
        String[] segments = path.split("/");
        String resource = segments.length > 5 ? String.join("/", java.util.Arrays.copyOf(segments, 5)) : path;
        Drills.Reply r = paced("GET", resource, user, null, Map.of());
        if (r.status() != 200) {
            r = paced("GET", resource, "siva-admin", null, Map.of());
        }
        return r.status() == 200 ? r.header("ETag") : Optional.empty();
    }

    // ---- variants ----

    private static JsonNode wrongType(JsonNode propertySchema, JsonNode example) {
        JsonNode s = resolve(propertySchema);
        String type = s.path("type").asText("");
        if (type.isEmpty() && example != null) {
            type = example.isTextual() ? "string" : example.isNumber() ? "number" : example.isBoolean() ? "boolean"
                    : example.isArray() ? "array" : "object";
        }
        return switch (type) {
            case "string" -> NODES.numberNode(12345);
            case "number", "integer" -> NODES.textNode("not-a-number");
            case "boolean" -> NODES.textNode("maybe");
            case "array" -> NODES.objectNode().put("not", "an array");
            default -> NODES.arrayNode().add("not").add("an").add("object");
        };
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            String name = s.path("$ref").asText().replace("#/components/schemas/", "");
            JsonNode target = contract.path("components").path("schemas").path(name);
            if (target.isMissingNode()) {
                break;
            }
            // Siblings of $ref (type, description) win over the target's.
            ObjectNode merged = ((ObjectNode) target).deepCopy();
            s.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            s = merged;
        }
        return s;
    }

    private static void replaceStrings(JsonNode node, String value) {
        forEachObject(node, object -> {
            List<String> textual = new ArrayList<>();
            object.fields().forEachRemaining(e -> {
                if (e.getValue().isTextual()) {
                    textual.add(e.getKey());
                }
            });
            textual.forEach(f -> object.put(f, value));
        });
        forEachArray(node, array -> {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, NODES.textNode(value));
                }
            }
        });
    }

    private static int setEverywhere(JsonNode node, String field, JsonNode value) {
        int[] count = {0};
        forEachObject(node, object -> {
            if (object.has(field)) {
                object.set(field, value);
                count[0]++;
            }
        });
        return count[0];
    }

    /** Swaps the values of each pair found at any depth, so that the first comes after the second. */
    private static int reverseEverywhere(JsonNode node, String first, String second) {
        int[] count = {0};
        forEachObject(node, object -> {
            if (object.has(first) && object.has(second) && !object.get(first).equals(object.get(second))) {
                JsonNode a = object.get(first);
                object.set(first, object.get(second));
                object.set(second, a);
                count[0]++;
            }
        });
        return count[0];
    }

    private static void forEachObject(JsonNode node, Consumer<ObjectNode> action) {
        if (node instanceof ObjectNode object) {
            action.accept(object);
            object.elements().forEachRemaining(child -> forEachObject(child, action));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> forEachObject(child, action));
        }
    }

    private static void forEachArray(JsonNode node, Consumer<ArrayNode> action) {
        if (node instanceof ArrayNode array) {
            action.accept(array);
        }
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            forEachArray(it.next(), action);
        }
    }

    // ---- sending, within the gateway's rate limit ----

    private static void send(String operation, String variant, String method, String path, String user, String body,
                             Map<String, String> headers) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (h.containsKey("Idempotency-Key")) {
            h.put("Idempotency-Key", UUID.randomUUID().toString());
        }
        Drills.Reply reply = paced(method, path, user, body, h);
        OUTCOMES.add(new Outcome(operation, variant, reply));
        if (reply.status() >= 200 && reply.status() < 300 && headers.containsKey("If-Match")) {
            // A wrongly accepted variant changed the resource: the next variants need its new ETag, or they would
            // only ever meet 412.
            etag(path, user).ifPresent(tag -> headers.put("If-Match", tag));
        }
    }

    /** About 30 requests per second, and a wait on 429 as Retry-After says: the sweep tests input, not the limit. */
    private static Drills.Reply paced(String method, String path, String user, String body, Map<String, String> headers) {
        Drills.Reply r = null;
        for (int attempt = 0; attempt < 6; attempt++) {
            Drills.sleep(30 + ThreadLocalRandom.current().nextInt(10));
            r = call(method, path, user, body, headers);
            if (r.status() != 429) {
                return r;
            }
            long wait = r.header("Retry-After").map(Long::parseLong).orElse(1L);
            Drills.sleep(Math.min(10, Math.max(1, wait)) * 1000);
        }
        return r;
    }
}

package no.katapult.e2e.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The merged OpenAPI document as the sweep reads it: every operation with its owning service (from the
 * {@code x-tagGroups} the gateway writes, one group per service), the roles its security requirement names, its
 * parameters and its request body schema with every {@code $ref} resolved.
 */
final class Contract {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    record Param(String name, String in, boolean required, JsonNode schema, JsonNode example) {
        String type() {
            return schema.path("type").asText("string");
        }

        String format() {
            return schema.path("format").asText("");
        }

        List<String> enumValues() {
            List<String> values = new ArrayList<>();
            schema.path("enum").forEach(v -> values.add(v.asText()));
            return values;
        }
    }

    /**
     * One operation.
     *
     * @param roles     the roles its security requirement allows; empty when public ({@code security: []})
     * @param body      the resolved JSON schema of its request body, or null when it declares none
     * @param example   the request body example, or null
     */
    record Operation(String id, String method, String path, String service, List<String> roles, List<Param> params,
                     JsonNode body, boolean bodyRequired, JsonNode example, boolean upload) {
        boolean isPublic() {
            return roles.isEmpty();
        }

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        String label() {
            return method + " " + path;
        }
    }

    private final JsonNode doc;
    private final List<Operation> operations = new ArrayList<>();
    private final List<String> services = new ArrayList<>();

    Contract(JsonNode doc) {
        this.doc = doc;
        Map<String, String> serviceOfTag = new HashMap<>();
        for (JsonNode group : doc.path("x-tagGroups")) {
            String service = group.path("name").asText();
            services.add(service);
            group.path("tags").forEach(tag -> serviceOfTag.put(tag.asText(), service));
        }
        doc.path("paths").fields().forEachRemaining(path -> {
            JsonNode item = path.getValue();
            for (String method : METHODS) {
                JsonNode op = item.get(method);
                if (op == null || !op.isObject()) {
                    continue;
                }
                String service = null;
                for (JsonNode tag : op.path("tags")) {
                    service = serviceOfTag.get(tag.asText());
                    if (service != null) {
                        break;
                    }
                }
                List<String> roles = new ArrayList<>();
                boolean open = !op.has("security") || op.path("security").isEmpty();
                for (JsonNode requirement : op.path("security")) {
                    if (requirement.isEmpty()) {
                        open = true; // {} in the list: anonymous is one of the alternatives
                    }
                    requirement.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText())));
                }
                // The gateway moves the roles a service lists out of the requirement into x-roles.
                op.path("x-roles").forEach(r -> roles.add(r.asText()));
                List<Param> params = new ArrayList<>();
                Map<String, JsonNode> declared = new LinkedHashMap<>();
                for (JsonNode p : item.path("parameters")) {
                    JsonNode r = resolve(p);
                    declared.put(r.path("in").asText() + ":" + r.path("name").asText(), r);
                }
                for (JsonNode p : op.path("parameters")) {
                    JsonNode r = resolve(p);
                    declared.put(r.path("in").asText() + ":" + r.path("name").asText(), r);
                }
                declared.values().forEach(p -> params.add(new Param(p.path("name").asText(), p.path("in").asText(),
                        p.path("required").asBoolean(false), resolve(p.path("schema")),
                        p.has("example") ? p.get("example") : null)));
                JsonNode media = jsonMedia(op.path("requestBody").path("content"));
                JsonNode body = media == null ? null : resolve(media.path("schema"));
                JsonNode example = media == null ? null : media.has("example") ? media.get("example")
                        : media.path("examples").elements().hasNext()
                        ? media.path("examples").elements().next().path("value") : null;
                operations.add(new Operation(op.path("operationId").asText(method + " " + path.getKey()),
                        method.toUpperCase(Locale.ROOT), path.getKey(), service, open ? List.of() : List.copyOf(roles),
                        List.copyOf(params), body, op.path("requestBody").path("required").asBoolean(false),
                        example, op.path("requestBody").path("content").has("multipart/form-data")));
            }
        });
    }

    List<Operation> operations() {
        return operations;
    }

    /** The services the contract names, in its order. */
    List<String> services() {
        return services;
    }

    private static JsonNode jsonMedia(JsonNode content) {
        if (content.has("application/json")) {
            return content.get("application/json");
        }
        var it = content.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (e.getKey().contains("json") || e.getKey().equals("*/*")) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The schema with {@code $ref}s replaced by their targets (siblings win) and {@code allOf} merged, to a
     * bounded depth so that a recursive schema cannot loop.
     */
    JsonNode resolve(JsonNode schema) {
        return resolve(schema, 0);
    }

    private JsonNode resolve(JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || !schema.isObject() || depth > 12) {
            return schema == null ? JsonNodeFactory.instance.objectNode() : schema;
        }
        JsonNode s = schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            String ref = s.path("$ref").asText();
            JsonNode target = pointer(ref);
            if (target == null || !target.isObject()) {
                break;
            }
            ObjectNode merged = ((ObjectNode) target).deepCopy();
            s.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("$ref")) {
                    merged.set(e.getKey(), e.getValue());
                }
            });
            s = merged;
        }
        ObjectNode out = ((ObjectNode) s).deepCopy();
        if (out.has("allOf")) {
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            for (JsonNode part : out.path("allOf")) {
                JsonNode r = resolve(part, depth + 1);
                r.fields().forEachRemaining(e -> {
                    if (e.getKey().equals("properties")) {
                        properties.setAll((ObjectNode) e.getValue());
                    } else if (!out.has(e.getKey())) {
                        out.set(e.getKey(), e.getValue());
                    }
                });
            }
            out.remove("allOf");
            if (!properties.isEmpty()) {
                out.set("properties", properties);
            }
        }
        if (out.has("properties")) {
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            out.path("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), resolve(e.getValue(), depth + 1)));
            out.set("properties", properties);
        }
        if (out.has("items")) {
            out.set("items", resolve(out.get("items"), depth + 1));
        }
        for (String alt : List.of("oneOf", "anyOf")) {
            if (out.has(alt) && out.path(alt).size() > 0 && !out.has("type")) {
                JsonNode first = resolve(out.path(alt).get(0), depth + 1);
                out.setAll((ObjectNode) first);
            }
        }
        return out;
    }

    private JsonNode pointer(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part.replace("~1", "/").replace("~0", "~"));
        }
        return node.isMissingNode() ? null : node;
    }
}

package no.katapult.common.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.i18n.MessageSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Validates every example of an OpenAPI 3.0 or 3.1 document against the schema it belongs to: those of
 * parameters, headers, request and response media types (inline, in {@code examples} or by {@code $ref}), and
 * the {@code example}/{@code examples} of every schema and subschema, in {@code components} or inline.
 * {@code $ref}s resolve within the document, which is the validator's schema registry.
 */
public final class ExampleChecker {

    /** What was checked: the number of examples, and one {@code <location>: <message>} per violation. */
    public record Result(int checked, List<String> failures) {
    }

    /** Never fetched: the registry maps this IRI to the document itself. */
    private static final String BASE = "https://contract.invalid/openapi.json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final List<String> SCHEMA_MAPS = List.of("properties", "patternProperties", "dependentSchemas", "$defs", "definitions");
    private static final List<String> SCHEMA_LISTS = List.of("allOf", "anyOf", "oneOf", "prefixItems", "items");
    private static final List<String> SCHEMA_ONES = List.of("items", "additionalProperties", "not", "if", "then", "else",
            "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties", "contentSchema");
    private static final Map<String, Dialect> DIALECTS_31 = Map.of(
            "https://spec.openapis.org/oas/3.1/dialect/base", Dialects.getOpenApi31(),
            "https://json-schema.org/draft/2020-12/schema", Dialects.getDraft202012());

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final List<String> failures = new ArrayList<>();
    private int checked;

    private ExampleChecker(String json) {
        try {
            this.doc = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The contract is not JSON", e);
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .messageSource(OwnMessages.INSTANCE)
                .build();
        this.registry = SchemaRegistry.withDialect(dialect(doc),
                b -> b.schemas(Map.of(BASE, json)).schemaRegistryConfig(config));
    }

    public static Result check(String openApiJson) {
        ExampleChecker checker = new ExampleChecker(openApiJson);
        checker.document();
        return new Result(checker.checked, List.copyOf(checker.failures));
    }

    /** 3.0 has its own schema dialect ({@code nullable}); 3.1 schemas are JSON Schema 2020-12 with the OAS vocabulary. */
    static Dialect dialect(JsonNode doc) {
        String version = doc.path("openapi").asText("");
        if (version.startsWith("3.0.")) {
            return Dialects.getOpenApi30();
        }
        if (version.startsWith("3.1.")) {
            String id = doc.path("jsonSchemaDialect").asText("https://spec.openapis.org/oas/3.1/dialect/base");
            Dialect dialect = DIALECTS_31.get(id);
            if (dialect == null) {
                throw new IllegalArgumentException("Unsupported jsonSchemaDialect " + id);
            }
            return dialect;
        }
        throw new IllegalArgumentException("Unsupported OpenAPI version '" + version + "'");
    }

    private void document() {
        doc.path("paths").properties().forEach(p -> pathItem(p.getValue(), "/paths/" + escape(p.getKey()), p.getKey()));
        doc.path("webhooks").properties().forEach(w -> pathItem(w.getValue(), "/webhooks/" + escape(w.getKey()), "webhook " + w.getKey()));
        JsonNode components = doc.path("components");
        String c = "/components/";
        components.path("schemas").properties().forEach(s ->
                schema(s.getValue(), c + "schemas/" + escape(s.getKey()), "components.schemas." + s.getKey()));
        components.path("parameters").properties().forEach(p ->
                parameter(p.getValue(), c + "parameters/" + escape(p.getKey()), "components.parameters." + p.getKey()));
        components.path("headers").properties().forEach(h ->
                parameter(h.getValue(), c + "headers/" + escape(h.getKey()), "components.headers." + h.getKey()));
        components.path("requestBodies").properties().forEach(r ->
                content(r.getValue(), c + "requestBodies/" + escape(r.getKey()), "components.requestBodies." + r.getKey()));
        components.path("responses").properties().forEach(r ->
                response(r.getValue(), c + "responses/" + escape(r.getKey()), "components.responses." + r.getKey()));
        components.path("pathItems").properties().forEach(p ->
                pathItem(p.getValue(), c + "pathItems/" + escape(p.getKey()), "components.pathItems." + p.getKey()));
    }

    private void pathItem(JsonNode item, String ptr, String where) {
        parameters(item.path("parameters"), ptr, where);
        for (String method : METHODS) {
            JsonNode op = item.get(method);
            if (op == null) {
                continue;
            }
            String opPtr = ptr + "/" + method;
            String opWhere = method.toUpperCase(Locale.ROOT) + " " + where;
            parameters(op.path("parameters"), opPtr, opWhere);
            JsonNode body = op.get("requestBody");
            if (body != null) {
                content(body, opPtr + "/requestBody", opWhere + " request");
            }
            op.path("responses").properties().forEach(r ->
                    response(r.getValue(), opPtr + "/responses/" + escape(r.getKey()), opWhere + " response " + r.getKey()));
        }
    }

    private void parameters(JsonNode list, String ptr, String where) {
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            parameter(p, ptr + "/parameters/" + i, where + " parameter " + p.path("name").asText("#" + i));
        }
    }

    /** A parameter or a header: a schema with its examples, or a content map. Refs are checked where they point. */
    private void parameter(JsonNode p, String ptr, String where) {
        if (p.has("$ref")) {
            return;
        }
        if (p.has("schema")) {
            examples(p, ptr + "/schema", where);
            schema(p.get("schema"), ptr + "/schema", where + " schema");
        }
        content(p, ptr, where);
    }

    private void response(JsonNode r, String ptr, String where) {
        if (r.has("$ref")) {
            return;
        }
        r.path("headers").properties().forEach(h ->
                parameter(h.getValue(), ptr + "/headers/" + escape(h.getKey()), where + " header " + h.getKey()));
        content(r, ptr, where);
    }

    private void content(JsonNode owner, String ptr, String where) {
        if (owner.has("$ref")) {
            return;
        }
        owner.path("content").properties().forEach(m -> {
            String mPtr = ptr + "/content/" + escape(m.getKey());
            String mWhere = where + " " + m.getKey();
            JsonNode media = m.getValue();
            if (media.has("schema")) {
                examples(media, mPtr + "/schema", mWhere);
                schema(media.get("schema"), mPtr + "/schema", mWhere + " schema");
            }
        });
    }

    /** The {@code example} and the {@code examples} map of a parameter, header or media type. */
    private void examples(JsonNode owner, String schemaPtr, String where) {
        if (owner.has("example")) {
            validate(owner.get("example"), schemaPtr, where + " example");
        }
        owner.path("examples").properties().forEach(e -> {
            String name = where + " examples." + e.getKey();
            JsonNode example = e.getValue();
            if (example.has("$ref")) {
                String ref = example.get("$ref").asText();
                example = ref.startsWith("#/") ? doc.at(ref.substring(1)) : null;
                if (example == null || example.isMissingNode()) {
                    failures.add(name + ": unresolvable $ref " + ref);
                    return;
                }
            }
            if (example.has("value")) {
                validate(example.get("value"), schemaPtr, name);
            }
        });
    }

    /** A schema's own {@code example} and {@code examples} array, then those of its subschemas; refs are not followed. */
    private void schema(JsonNode schema, String ptr, String where) {
        if (!schema.isObject()) {
            return;
        }
        if (schema.has("example")) {
            validate(schema.get("example"), ptr, where + " example");
        }
        JsonNode examples = schema.path("examples");
        for (int i = 0; i < examples.size() && examples.isArray(); i++) {
            validate(examples.get(i), ptr, where + " examples[" + i + "]");
        }
        for (String keyword : SCHEMA_MAPS) {
            schema.path(keyword).properties().forEach(s ->
                    schema(s.getValue(), ptr + "/" + keyword + "/" + escape(s.getKey()), where + "." + keyword + "." + s.getKey()));
        }
        for (String keyword : SCHEMA_LISTS) {
            JsonNode list = schema.path(keyword);
            for (int i = 0; i < list.size() && list.isArray(); i++) {
                schema(list.get(i), ptr + "/" + keyword + "/" + i, where + "." + keyword + "[" + i + "]");
            }
        }
        for (String keyword : SCHEMA_ONES) {
            if (schema.path(keyword).isObject()) {
                schema(schema.get(keyword), ptr + "/" + keyword, where + "." + keyword);
            }
        }
    }

    private void validate(JsonNode example, String schemaPtr, String where) {
        checked++;
        try {
            Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + fragment(schemaPtr)));
            for (Error error : schema.validate(example)) {
                String at = error.getInstanceLocation().toString();
                failures.add(where + ": " + (at.isEmpty() ? "" : at + " ") + error.getMessage());
            }
        } catch (RuntimeException e) {
            // A schema that cannot be loaded (a dangling $ref, say) fails its examples rather than the whole run.
            failures.add(where + ": " + e);
        }
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON pointer made fit for a URI fragment. */
    private static String fragment(String pointer) {
        StringBuilder out = new StringBuilder();
        for (byte b : pointer.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /**
     * The validator's own English messages, read from its own jar: wiremock-standalone, on every service's test
     * class path, shades an older validator whose bundle of the same name, with other arguments, would win.
     */
    private static final class OwnMessages implements MessageSource {

        static final OwnMessages INSTANCE = new OwnMessages();
        private final Properties messages = new Properties();

        private OwnMessages() {
            String klass = Schema.class.getResource("Schema.class").toString();
            String root = klass.substring(0, klass.length() - "com/networknt/schema/Schema.class".length());
            try (InputStream in = URI.create(root + "jsv-messages.properties").toURL().openStream()) {
                messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the validator's messages beside " + klass, e);
            }
        }

        @Override
        public String getMessage(String key, Supplier<String> fallback, Locale locale, Object... args) {
            String pattern = messages.getProperty(key);
            if (pattern == null && fallback != null) {
                pattern = fallback.get();
            }
            return pattern == null ? key + " " + Arrays.toString(args) : new MessageFormat(pattern, Locale.ROOT).format(args);
        }
    }
}

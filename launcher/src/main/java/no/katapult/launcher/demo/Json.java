package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Collection;

/** Small builders for request bodies, so the demo data reads like the JSON shapes of the issues. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** {@code obj("name", "x", "capacity", 6)}: keys and values alternate; null values are left out. */
    static ObjectNode obj(Object... keysAndValues) {
        ObjectNode node = MAPPER.createObjectNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                node.set((String) keysAndValues[i], MAPPER.valueToTree(value));
            }
        }
        return node;
    }

    static ArrayNode arr(Object... values) {
        ArrayNode node = MAPPER.createArrayNode();
        for (Object v : values) {
            node.add(MAPPER.<JsonNode>valueToTree(v));
        }
        return node;
    }

    static ArrayNode arr(Collection<?> values) {
        return arr(values.toArray());
    }

    /** Money as the API wants it: {@code {"amount": 1250.00, "currency": "NOK"}}. */
    static ObjectNode nok(String amount) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("amount", new BigDecimal(amount));
        node.put("currency", "NOK");
        return node;
    }

    /** A JSON resource of the launcher, read into {@code type}. */
    static <T> T resource(String name, Class<T> type) {
        try (InputStream in = Json.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the launcher's resource " + name + " is missing");
            }
            return MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("the launcher's resource " + name + " is not valid", e);
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

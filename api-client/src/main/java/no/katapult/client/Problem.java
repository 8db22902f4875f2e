package no.katapult.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 9457 problem as the API guide defines it: {@code type}, {@code title}, {@code status}, {@code detail},
 * {@code instance}, the suite's {@code requestId}, and for validation failures the field {@code errors}. A member
 * the answer lacks is null ({@code status} 0, {@code errors} empty).
 */
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
                      List<FieldError> errors) {

    /** The prefix of the suite's problem types: {@code urn:katapult:problem:booking-conflict}. */
    public static final String TYPE_PREFIX = "urn:katapult:problem:";

    public record FieldError(String field, String message) {
    }

    public Problem {
        errors = List.copyOf(errors);
    }

    static Problem of(JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        for (JsonNode e : json.path("errors")) {
            errors.add(new FieldError(text(e, "field"), text(e, "message")));
        }
        return new Problem(text(json, "type"), text(json, "title"), json.path("status").asInt(0), text(json, "detail"),
                text(json, "instance"), text(json, "requestId"), errors);
    }

    /** The suite's name for the problem, e.g. {@code booking-conflict}; else the whole type (or null). */
    public String slug() {
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}

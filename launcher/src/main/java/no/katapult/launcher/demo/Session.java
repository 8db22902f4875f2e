package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Api;
import no.katapult.client.Request;

import java.util.Optional;
import java.util.function.Function;

/**
 * One loading of the demo data: the API as the demo users see it (through the gateway, retried while it starts),
 * the log, and the two steps every loader repeats: find an item in a list, or create it and say so.
 */
record Session(Api api, DemoLog log) {

    Request get(String path) {
        return api.get(path);
    }

    Request post(String path) {
        return api.post(path);
    }

    Request put(String path) {
        return api.put(path);
    }

    /** The first item of the list (which must answer 200) whose {@code field} has this value. */
    Optional<JsonNode> find(Request list, String field, String value) {
        for (JsonNode item : list.expect(200).path("items")) {
            if (value.equals(Json.text(item, field))) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** Sends the create, which must answer 201, and logs {@code created <what>}. */
    JsonNode create(Request post, Function<JsonNode, String> what) {
        JsonNode created = post.expect(201);
        log.step(what.apply(created));
        return created;
    }
}

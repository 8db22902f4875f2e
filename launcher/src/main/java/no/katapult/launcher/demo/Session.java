package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import no.katapult.client.Api;
import no.katapult.client.Request;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /**
     * The id of a catalogue item that the demo creates at its fixed id ({@link DemoIds}): the item at
     * {@code path} when it is there; else one that {@code earlier} finds by name or code (demo data written
     * before the ids were fixed keeps its ids: nothing is created twice); else it is created at the id
     * (PUT with If-None-Match: *; a 412 means a concurrent loader created it first).
     */
    String ensure(String path, String id, Supplier<Optional<JsonNode>> earlier, JsonNode body, String what) {
        if (get(path + id).send().status() == 200) {
            return id;
        }
        Optional<JsonNode> found = earlier.get();
        if (found.isPresent()) {
            log.step(what + " exists with an id of its own, from before the demo ids were fixed: "
                    + "the contract's examples do not name it (./catapult down, delete .catapult/, up again to fix)");
            return Json.text(found.get(), "id");
        }
        put(path + id).as(RegistryDemo.ADMIN).header("If-None-Match", "*").body(body).expect(201, 412);
        log.step(what);
        return id;
    }

    /** Sends the create, which must answer 201, and logs {@code created <what>}. */
    JsonNode create(Request post, Function<JsonNode, String> what) {
        JsonNode created = post.expect(201);
        log.step(what.apply(created));
        return created;
    }
}

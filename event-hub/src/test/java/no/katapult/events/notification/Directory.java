package no.katapult.events.notification;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.events.FakeServers;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** The tests' hold on {@link FakeDirectory}: who operates which centre, and whether the directory answers. */
final class Directory {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Directory() {
    }

    /** A user as Keycloak's admin API represents it (briefRepresentation=false). */
    static ObjectNode operator(String username, String email, String centreCode, String locale) {
        ObjectNode user = NODES.objectNode().put("id", UUID.randomUUID().toString()).put("username", username)
                .put("enabled", true).put("emailVerified", true).put("firstName", "Test").put("lastName", username)
                .put("createdTimestamp", 1767225600000L);
        if (email != null) {
            user.put("email", email);
        }
        ObjectNode attributes = user.putObject("attributes");
        attributes.putArray("centre_code").add(centreCode);
        if (locale != null) {
            attributes.putArray("locale").add(locale);
        }
        return user;
    }

    static void users(List<ObjectNode> users) {
        ArrayNode array = NODES.arrayNode();
        users.forEach(array::add);
        send("users", array.toString());
    }

    /** Makes the directory answer with this status (0: normally again). */
    static void failWith(int status) {
        send("fail", Integer.toString(status));
    }

    static List<String> requests() {
        String all = send("requests", null);
        return all.isEmpty() ? List.of() : List.of(all.split("\n"));
    }

    private static String send(String what, String body) {
        String base = ConfigProvider.getConfig().getValue("events.notifications.directory.url", String.class)
                .replace("/admin/realms/catapult", "");
        return FakeServers.control(URI.create(base + "/control/" + what), body == null ? "GET" : "PUT", body);
    }
}

package no.katapult.events.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import no.katapult.events.FakeServers;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static no.katapult.events.FakeServers.body;
import static no.katapult.events.FakeServers.hasBearerToken;
import static no.katapult.events.FakeServers.query;
import static no.katapult.events.FakeServers.reply;

/**
 * Keycloak's admin REST API as far as the notifier uses it: {@code GET /admin/realms/catapult/users?q=centre_code:<code>
 * &briefRepresentation=false} answers the users whose attribute centre_code is the code, in Keycloak's
 * UserRepresentation shape, to a bearer token only. A real HTTP server; tests control it over HTTP
 * ({@link Directory}): {@code PUT /control/users} replaces the users (a JSON array), {@code PUT /control/fail}
 * sets the status it answers with (0: normal), {@code GET /control/requests} lists the requests it had
 * ("<query> <authorization>" per line).
 */
public class FakeDirectory implements QuarkusTestResourceLifecycleManager {

    static final String USERS = "/admin/realms/catapult/users";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final AtomicReference<ArrayNode> users = new AtomicReference<>(JSON.createArrayNode());
    private final AtomicInteger failWith = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> start() {
        server = FakeServers.onLoopback();
        server.createContext(USERS, this::users);
        server.createContext("/control/", this::control);
        server.start();
        return Map.of("events.notifications.directory.url",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/admin/realms/catapult");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void users(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(query + " " + auth);
        int status = failWith.get();
        if (status == 0 && !hasBearerToken(auth)) {
            status = 401;
        }
        if (status != 0) {
            reply(exchange, status, "{\"error\":\"HTTP " + status + "\"}");
            return;
        }
        Map<String, String> params = query(query);
        if (!"false".equals(params.get("briefRepresentation"))) {
            // A brief representation has no attributes: the notifier must ask for the full one.
            reply(exchange, 400, "{\"error\":\"this fake answers briefRepresentation=false only\"}");
            return;
        }
        String q = params.getOrDefault("q", "");
        ArrayNode found = JSON.createArrayNode();
        if (q.startsWith("centre_code:")) {
            String code = q.substring("centre_code:".length());
            for (JsonNode user : users.get()) {
                for (JsonNode value : user.path("attributes").path("centre_code")) {
                    if (value.asText().equals(code)) {
                        found.add(user);
                        break;
                    }
                }
            }
        }
        reply(exchange, 200, JSON.writeValueAsString(found));
    }

    private void control(HttpExchange exchange) throws IOException {
        String what = exchange.getRequestURI().getPath();
        String body = body(exchange);
        if (what.endsWith("/users")) {
            users.set((ArrayNode) JSON.readTree(body));
            reply(exchange, 200, "{}");
        } else if (what.endsWith("/fail")) {
            failWith.set(Integer.parseInt(body.strip()));
            reply(exchange, 200, body);
        } else if (what.endsWith("/requests")) {
            reply(exchange, 200, String.join("\n", requests));
        } else {
            reply(exchange, 404, "");
        }
    }
}

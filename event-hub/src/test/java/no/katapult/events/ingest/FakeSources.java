package no.katapult.events.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import no.katapult.events.FakeServers;

import java.io.IOException;
import java.util.HashMap;
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
 * The producers' {@code /internal/v1/outbox} feeds, served from data the tests control: one real HTTP server,
 * one path prefix per source (registry, application, booking), positions 1, 2, 3... in publication order.
 * Tests control it over HTTP too ({@link Sources}), so that nothing is shared between class loaders:
 * {@code POST <source>/control/events} appends an event, {@code PUT <source>/control/fail} sets the status
 * the feed answers with (0: normal), {@code GET <source>/control/authorization} is the last Authorization
 * header the hub sent.
 */
public class FakeSources implements QuarkusTestResourceLifecycleManager {

    static final List<String> NAMES = List.of("registry", "application", "booking");

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        server = FakeServers.onLoopback();
        for (String name : NAMES) {
            Feed feed = new Feed();
            server.createContext("/" + name + SourceFeed.PATH, feed::serve);
            server.createContext("/" + name + "/control/", feed::control);
            config.put("events.sources." + name + ".url", "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name);
        }
        server.start();
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** One producer's feed. */
    private static final class Feed {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger failWith = new AtomicInteger();
        final AtomicReference<String> authorization = new AtomicReference<>("");

        void serve(HttpExchange exchange) throws IOException {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            authorization.set(auth == null ? "" : auth);
            int status = failWith.get();
            if (status == 0 && !hasBearerToken(auth)) {
                status = 401;
            }
            if (status != 0) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            int after = Integer.parseInt(query.getOrDefault("after", "0"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "200"));
            List<String> snapshot = List.copyOf(events);
            int from = Math.min(after, snapshot.size());
            int to = Math.min(snapshot.size(), from + limit);
            reply(exchange, 200, "{\"items\":[" + String.join(",", snapshot.subList(from, to)) + "],\"next\":"
                    + Math.max(after, to) + "}");
        }

        void control(HttpExchange exchange) throws IOException {
            String what = exchange.getRequestURI().getPath();
            String body = body(exchange);
            if (what.endsWith("/events")) {
                events.add(body);
                reply(exchange, 200, String.valueOf(events.size()));
            } else if (what.endsWith("/fail")) {
                failWith.set(Integer.parseInt(body.strip()));
                reply(exchange, 200, body);
            } else if (what.endsWith("/authorization")) {
                reply(exchange, 200, authorization.get());
            } else {
                reply(exchange, 404, "");
            }
        }
    }
}

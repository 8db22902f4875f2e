package no.katapult.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Small Vert.x HTTP servers standing in for the services, on random ports. They echo what they received
 * (method, path, query, headers, body) as JSON, serve fixture contracts at /q/openapi, and can sleep, fail
 * their contract, or be stopped and started again. Tests reach them through {@link Stubs}: the handles are
 * shared as JDK types, because the test and this resource may be loaded by different class loaders.
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    static final String PROPERTY_PREFIX = "katapult.stub.";

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        int registry = startStub("catapult-registry", fixture("catapult-registry"));
        int application = startStub("application-service", fixture("application-service"));
        int booking = startStub("facility-booking", fixture("facility-booking"));
        int flaky = startStub("flaky-service", null);
        int sandbox = startStub("sandbox", null);
        int erratic = startStub("erratic-service", null);
        // Its own stub, so that an event-hub running on its default port (a local stack) cannot join the contract.
        int events = startStub("event-hub", null);
        int dead = freePort();
        // Several instances behind one service: balancing, health checks, retries, breakers per instance.
        String replicated = instances("replicated", 3);
        String retrying = instances("retrying", 2);
        String breaking = instances("breaking", 2);
        String dropping = instances("dropping", 2);
        int[] nobody = freePorts(2);
        String gone = "http://localhost:" + nobody[0] + ",http://localhost:" + nobody[1];

        service(config, "catapult-registry", registry, true);
        service(config, "application-service", application, true);
        service(config, "facility-booking", booking, true);
        // Never up: the contract lists it as missing, and its route answers 503.
        service(config, "dead-service", dead, true);
        service(config, "flaky-service", flaky, false);
        service(config, "slow-service", sandbox, false);
        service(config, "limited-service", sandbox, false);
        service(config, "erratic-service", erratic, false);
        service(config, "event-hub", events, false);

        config.put("gateway.services.replicated.url", replicated);
        config.put("gateway.services.retrying.url", retrying);
        config.put("gateway.services.breaking.url", breaking);
        config.put("gateway.services.dropping.url", dropping);
        config.put("gateway.services.gone.url", gone);
        for (String name : new String[]{"replicated", "retrying", "breaking", "dropping", "gone"}) {
            config.put("gateway.services." + name + ".merge-openapi", "false");
            route(config, name, "/api/v1/" + name, name);
        }

        route(config, "dead", "/api/v1/dead", "dead-service");
        route(config, "flaky", "/api/v1/flaky", "flaky-service");
        route(config, "slow", "/api/v1/slow", "slow-service");
        config.put("gateway.routes.slow.timeout", "1S");
        route(config, "patient", "/api/v1/patient", "slow-service");
        route(config, "limited", "/api/v1/limited", "limited-service");
        route(config, "erratic", "/api/v1/erratic", "erratic-service");
        config.put("gateway.routes.limited.rate-limit.capacity", "3");
        config.put("gateway.routes.limited.rate-limit.refill-tokens", "1");
        config.put("gateway.routes.limited.rate-limit.refill-period", "1H");
        return config;
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close().toCompletionStage().toCompletableFuture());
        }
    }

    private static void service(Map<String, String> config, String name, int port, boolean merge) {
        config.put("gateway.services.\"" + name + "\".url", "http://localhost:" + port);
        config.put("gateway.services.\"" + name + "\".merge-openapi", Boolean.toString(merge));
    }

    private static void route(Map<String, String> config, String name, String prefix, String service) {
        config.put("gateway.routes." + name + ".prefix", prefix);
        config.put("gateway.routes." + name + ".service", service);
    }

    /** Starts stubs {@code name-1} .. {@code name-n}; returns their URLs as one comma-separated setting. */
    private String instances(String name, int n) {
        StringBuilder urls = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            urls.append(i > 1 ? ", " : "").append("http://localhost:").append(startStub(name + "-" + i, null));
        }
        return urls.toString();
    }

    private int startStub(String name, String contract) {
        AtomicInteger hits = new AtomicInteger();
        AtomicReference<String> openapi = new AtomicReference<>(contract);
        AtomicBoolean contractFails = new AtomicBoolean();
        AtomicInteger failWith = new AtomicInteger();
        AtomicInteger healthStatus = new AtomicInteger(200);
        AtomicInteger delay = new AtomicInteger();
        AtomicReference<HttpServer> server = new AtomicReference<>();
        AtomicInteger port = new AtomicInteger();

        Runnable start = () -> {
            HttpServer s = vertx.createHttpServer().requestHandler(req -> handle(name, req, hits, openapi, contractFails,
                    failWith, healthStatus, delay));
            server.set(await(s.listen(port.get()).toCompletionStage().toCompletableFuture()));
            port.set(server.get().actualPort());
        };
        Runnable stop = () -> {
            HttpServer s = server.getAndSet(null);
            if (s != null) {
                await(s.close().toCompletionStage().toCompletableFuture());
            }
        };
        start.run();

        Map<String, Object> handle = new HashMap<>();
        handle.put("hits", hits);
        handle.put("openapi", openapi);
        handle.put("contractFails", contractFails);
        handle.put("failWith", failWith);
        handle.put("healthStatus", healthStatus);
        handle.put("delay", delay);
        handle.put("start", start);
        handle.put("stop", stop);
        System.getProperties().put(PROPERTY_PREFIX + name, handle);
        return port.get();
    }

    private void handle(String name, HttpServerRequest req, AtomicInteger hits, AtomicReference<String> openapi,
                        AtomicBoolean contractFails, AtomicInteger failWith, AtomicInteger healthStatus,
                        AtomicInteger delay) {
        if (req.path().equals("/q/openapi")) {
            String doc = openapi.get();
            if (doc == null || contractFails.get()) {
                req.response().setStatusCode(500).end();
            } else {
                req.response().putHeader("Content-Type", "application/json").end(doc);
            }
            return;
        }
        if (req.path().equals("/q/health/ready")) {
            int health = healthStatus.get();
            req.response().setStatusCode(health).putHeader("Content-Type", "application/json")
                    .end(health == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
            return;
        }
        hits.incrementAndGet();
        if (failWith.get() == Stubs.DROP_CONNECTION) {
            // As an instance that is shutting down: the connection goes, and no answer comes.
            req.connection().close();
            return;
        }
        if (failWith.get() != 0) {
            req.body().onComplete(x -> req.response().setStatusCode(failWith.get())
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("service", name).put("failing", true).encode()));
            return;
        }
        req.body().onSuccess(body -> {
            JsonObject headers = new JsonObject();
            MultiMap incoming = req.headers();
            for (String header : incoming.names()) {
                headers.put(header.toLowerCase(), String.join(",", incoming.getAll(header)));
            }
            JsonObject echo = new JsonObject()
                    .put("service", name)
                    .put("method", req.method().name())
                    .put("uri", req.uri())
                    .put("path", req.path())
                    .put("query", req.query())
                    .put("headers", headers)
                    .put("bodyLength", body.length())
                    .put("body", body.length() <= 64 * 1024 ? body.toString(StandardCharsets.UTF_8) : null);
            String status = req.getParam("status");
            Runnable reply = () -> req.response()
                    .setStatusCode(status == null ? 200 : Integer.parseInt(status))
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", String.valueOf(req.getHeader("X-Request-Id")))
                    // Hop-by-hop and CORS headers the gateway must not pass on.
                    .putHeader("Keep-Alive", "timeout=30")
                    .putHeader("X-Upstream-Hop", "secret")
                    .putHeader("Connection", "keep-alive, X-Upstream-Hop")
                    .putHeader("Access-Control-Allow-Origin", "*")
                    .putHeader("X-Upstream", name)
                    .end(echo.encode());
            if (req.path().contains("/sleep") || delay.get() > 0) {
                String ms = req.getParam("ms");
                vertx.setTimer(delay.get() > 0 ? delay.get() : ms == null ? 3_000 : Long.parseLong(ms), id -> {
                    if (!req.response().closed()) {
                        reply.run();
                    }
                });
            } else {
                reply.run();
            }
        });
    }

    private static String fixture(String name) {
        try (InputStream in = UpstreamStubs.class.getResourceAsStream("/openapi/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        return freePorts(1)[0];
    }

    /** Distinct ports nobody listens on (all held open while choosing, so none is picked twice). */
    private static int[] freePorts(int n) {
        ServerSocket[] sockets = new ServerSocket[n];
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    if (socket != null) {
                        socket.close();
                    }
                } catch (IOException e) {
                    // nothing held
                }
            }
        }
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

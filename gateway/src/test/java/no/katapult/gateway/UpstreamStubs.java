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
        int dead = freePort();

        service(config, "catapult-registry", registry, true);
        service(config, "application-service", application, true);
        service(config, "facility-booking", booking, true);
        // Never up: the contract lists it as missing, and its route answers 503.
        service(config, "dead-service", dead, true);
        service(config, "flaky-service", flaky, false);
        service(config, "slow-service", sandbox, false);
        service(config, "limited-service", sandbox, false);

        route(config, "dead", "/api/v1/dead", "dead-service");
        route(config, "flaky", "/api/v1/flaky", "flaky-service");
        route(config, "slow", "/api/v1/slow", "slow-service");
        config.put("gateway.routes.slow.timeout", "1S");
        route(config, "patient", "/api/v1/patient", "slow-service");
        route(config, "limited", "/api/v1/limited", "limited-service");
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

    private int startStub(String name, String contract) {
        AtomicInteger hits = new AtomicInteger();
        AtomicReference<String> openapi = new AtomicReference<>(contract);
        AtomicBoolean contractFails = new AtomicBoolean();
        AtomicReference<HttpServer> server = new AtomicReference<>();
        AtomicInteger port = new AtomicInteger();

        Runnable start = () -> {
            HttpServer s = vertx.createHttpServer().requestHandler(req -> handle(name, req, hits, openapi, contractFails));
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
        handle.put("start", start);
        handle.put("stop", stop);
        System.getProperties().put(PROPERTY_PREFIX + name, handle);
        return port.get();
    }

    private void handle(String name, HttpServerRequest req, AtomicInteger hits, AtomicReference<String> openapi,
                        AtomicBoolean contractFails) {
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
            req.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
            return;
        }
        hits.incrementAndGet();
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
            if (req.path().contains("/sleep")) {
                String ms = req.getParam("ms");
                vertx.setTimer(ms == null ? 3_000 : Long.parseLong(ms), id -> {
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
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

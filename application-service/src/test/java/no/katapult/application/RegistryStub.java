package no.katapult.application;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for catapult-registry's GET /api/v1/organisations/{orgNo}; it insists on a bearer token. Tests can
 * make it answer another status, or late, for one organisation, and read what it received.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    public static final Map<String, String> NAMES = Map.of(
            "930000019", "Smart Innovation Norway (demo)",
            "930000027", "Media City Bergen (demo)",
            "930000035", "ProtoMore (demo)");

    /** How the stub answers for one organisation instead of its default. */
    public record Answer(int status, String name, Duration delay) {
    }

    private static final Map<String, Answer> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REQUESTS = new ConcurrentHashMap<>();
    private static final Map<String, String> REQUEST_IDS = new ConcurrentHashMap<>();
    private static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();

    private HttpServer server;
    private ExecutorService executor;

    public static void answer(String orgNo, Answer answer) {
        ANSWERS.put(orgNo, answer);
    }

    /** How many requests the stub received for the organisation. */
    public static int requests(String orgNo) {
        AtomicInteger n = REQUESTS.get(orgNo);
        return n == null ? 0 : n.get();
    }

    /** The X-Request-Id of the last request for the organisation. */
    public static String lastRequestId(String orgNo) {
        return REQUEST_IDS.get(orgNo);
    }

    /** The W3C traceparent of the last request for the organisation. */
    public static String lastTraceparent(String orgNo) {
        return TRACEPARENTS.get(orgNo);
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One thread per request, so a slow answer does not hold up the others.
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/api/v1/organisations/", exchange -> {
            String orgNo = exchange.getRequestURI().getPath().substring("/api/v1/organisations/".length());
            REQUESTS.computeIfAbsent(orgNo, o -> new AtomicInteger()).incrementAndGet();
            String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            if (requestId != null) {
                REQUEST_IDS.put(orgNo, requestId);
            }
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (traceparent != null) {
                TRACEPARENTS.put(orgNo, traceparent);
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Answer answer = ANSWERS.getOrDefault(orgNo,
                    new Answer(NAMES.containsKey(orgNo) ? 200 : 404, NAMES.get(orgNo), Duration.ZERO));
            int status = auth == null || !auth.startsWith("Bearer ") ? 401 : answer.status();
            sleep(answer.delay());
            byte[] body = (status == 200
                    ? "{\"orgNo\":\"" + orgNo + "\",\"name\":\"" + answer.name() + "\",\"kind\":\"CLUSTER\",\"version\":0}"
                    : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
            try {
                exchange.sendResponseHeaders(status, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                // The client gave up waiting (a timeout test): nobody to answer.
            }
        });
        server.start();
        return Map.of("application.registry.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}

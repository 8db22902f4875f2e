package no.katapult.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on a free local port; each test scripts its answers. */
final class TestServer implements AutoCloseable {

    /** What the server saw of one request. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String body, long nanos) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One scripted answer. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }
    }

    @FunctionalInterface
    interface Script {
        /** The answer to the n-th request (from 1) of this path. */
        Reply answer(int n, Seen request);
    }

    static {
        // Without it each answer waits for a delayed ACK (about 40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private TestServer(HttpServer server) {
        this.server = server;
    }

    static TestServer start() {
        return start(0);
    }

    static TestServer start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.start();
            return new TestServer(server);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    TestServer on(String path, Script script) {
        AtomicInteger count = new AtomicInteger();
        server.createContext(path, exchange -> handle(exchange, count.incrementAndGet(), script));
        return this;
    }

    private void handle(HttpExchange exchange, int n, Script script) throws IOException {
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), System.nanoTime());
        seen.add(request);
        Reply reply = script.answer(n, request);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

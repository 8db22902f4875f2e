package no.katapult.common.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real webhook receiver for tests (event-hub and e2e): a JDK HTTP server on 127.0.0.1 that records every request and answers
 * as the test says. It can be taken down (connections refused) and brought up again on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received, with header names in lower case, and what it was answered. */
    public record Request(Map<String, List<String>> headers, String body, int answered, Instant at) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** An answer: status and optional Retry-After. */
    public record Answer(int status, String retryAfter) {
        public static Answer of(int status) {
            return new Answer(status, null);
        }
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntFunction<Answer> answers = n -> Answer.of(200);
    private final int port;
    private HttpServer server;

    public WebhookReceiver() {
        server = start(0);
        port = server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/katapult";
    }

    /** How to answer the n-th request (from 1). */
    public WebhookReceiver answering(IntFunction<Answer> answers) {
        this.answers = answers;
        return this;
    }

    public WebhookReceiver always(int status) {
        return answering(n -> Answer.of(status));
    }

    /** Stops listening: deliveries now fail to connect. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void up() {
        if (server == null) {
            server = start(port);
        }
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests it answered 2xx. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    private HttpServer start(int onPort) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            s.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                Map<String, List<String>> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
                Answer answer = answers.apply(count.incrementAndGet());
                requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8), answer.status(), Instant.now()));
                if (answer.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", answer.retryAfter());
                }
                exchange.sendResponseHeaders(answer.status(), -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        down();
    }
}

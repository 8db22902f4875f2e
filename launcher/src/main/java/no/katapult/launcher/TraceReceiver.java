package no.katapult.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * The local stack's trace receiver: the services export their spans here over OTLP/HTTP (protobuf), and it keeps
 * the latest traces in memory, to be read by trace id as JSON ({@code GET /v1/traces/{traceId}}) or listed
 * ({@code GET /v1/traces}). It is what a developer needs to follow one request from gateway to service to
 * registry without running a tracing backend; with CATAPULT_OTLP_ENDPOINT the services export to a real one
 * instead. Written by hand because no OTLP collector runs inside a JVM from Maven Central; the wire format is
 * parsed by the official OTLP protobuf classes (opentelemetry-proto).
 */
final class TraceReceiver implements AutoCloseable {

    static final String NAME = "traces";
    /** Spans kept in all; the oldest traces go first. */
    private static final int MAX_SPANS = 50_000;
    private static final int MAX_BODY = 16 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** One span as kept: what a reader of a trace wants to see. */
    record Kept(String service, String name, String kind, String traceId, String spanId, String parentSpanId,
                long startNanos, long endNanos, String status, Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<Kept>> traces = new LinkedHashMap<>();
    private int spans;

    private TraceReceiver(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static TraceReceiver start(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "trace-receiver");
                t.setDaemon(true);
                return t;
            });
            TraceReceiver receiver = new TraceReceiver(server, executor);
            // Every path: exporters differ in whether they append /v1/traces to the endpoint they are given.
            server.createContext("/", receiver::handle);
            server.setExecutor(executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new LauncherException("The trace receiver could not listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (exchange.getRequestMethod()) {
                case "POST" -> receive(exchange);
                case "GET" -> {
                    if (!path.startsWith("/v1/traces")) {
                        answer(exchange, 404, JSON.createObjectNode().put("error", "GET /v1/traces or /v1/traces/{traceId}"));
                        return;
                    }
                    String id = path.substring("/v1/traces".length()).replaceAll("^/+|/+$", "");
                    if (id.isEmpty()) {
                        answer(exchange, 200, list());
                    } else {
                        List<Kept> trace = trace(id.toLowerCase());
                        answer(exchange, trace.isEmpty() ? 404 : 200, view(id.toLowerCase(), trace));
                    }
                }
                default -> answer(exchange, 405, JSON.createObjectNode().put("error", "GET or POST"));
            }
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        try (InputStream bounded = in) {
            body = bounded.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            answer(exchange, 413, JSON.createObjectNode().put("error", "over " + MAX_BODY + " bytes"));
            return;
        }
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(body);
        } catch (IOException e) {
            answer(exchange, 400, JSON.createObjectNode().put("error", "not an OTLP ExportTraceServiceRequest: " + e.getMessage()));
            return;
        }
        keep(request);
        // An empty ExportTraceServiceResponse: everything was accepted.
        exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
        exchange.sendResponseHeaders(200, -1);
    }

    /** Keeps the request's spans under their trace ids. */
    void keep(ExportTraceServiceRequest request) {
        List<Kept> received = new ArrayList<>();
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = attribute(resource.getResource().getAttributesList(), "service.name");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    span.getAttributesList().forEach(a -> attributes.put(a.getKey(), text(a.getValue())));
                    received.add(new Kept(service, span.getName(), span.getKind().name().replace("SPAN_KIND_", ""),
                            HEX.formatHex(span.getTraceId().toByteArray()), HEX.formatHex(span.getSpanId().toByteArray()),
                            span.getParentSpanId().isEmpty() ? null : HEX.formatHex(span.getParentSpanId().toByteArray()),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(),
                            span.getStatus().getCode().name().replace("STATUS_CODE_", ""), attributes));
                }
            }
        }
        synchronized (traces) {
            for (Kept span : received) {
                traces.computeIfAbsent(span.traceId(), id -> new ArrayList<>()).add(span);
                spans++;
            }
            Iterator<List<Kept>> oldest = traces.values().iterator();
            while (spans > MAX_SPANS && oldest.hasNext()) {
                spans -= oldest.next().size();
                oldest.remove();
            }
        }
    }

    List<Kept> trace(String traceId) {
        synchronized (traces) {
            List<Kept> trace = traces.get(traceId);
            return trace == null ? List.of() : List.copyOf(trace);
        }
    }

    private ObjectNode list() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode items = root.putArray("traces");
        List<Map.Entry<String, List<Kept>>> latest;
        synchronized (traces) {
            latest = new ArrayList<>(traces.entrySet().stream().map(e -> Map.entry(e.getKey(), List.copyOf(e.getValue()))).toList());
        }
        for (int i = latest.size() - 1; i >= 0 && items.size() < 50; i--) {
            List<Kept> trace = latest.get(i).getValue();
            Kept root0 = trace.stream().filter(s -> s.parentSpanId() == null).findFirst().orElse(trace.get(0));
            ObjectNode item = items.addObject().put("traceId", latest.get(i).getKey()).put("root", root0.service() + " " + root0.name())
                    .put("spans", trace.size());
            ArrayNode services = item.putArray("services");
            trace.stream().map(Kept::service).distinct().forEach(services::add);
        }
        return root;
    }

    private static ObjectNode view(String traceId, List<Kept> trace) {
        ObjectNode root = JSON.createObjectNode().put("traceId", traceId);
        ArrayNode spans = root.putArray("spans");
        trace.stream().sorted((a, b) -> Long.compare(a.startNanos(), b.startNanos())).forEach(s -> {
            ObjectNode span = spans.addObject().put("service", s.service()).put("name", s.name()).put("kind", s.kind())
                    .put("spanId", s.spanId()).put("parentSpanId", s.parentSpanId())
                    .put("start", Instant.ofEpochSecond(0, s.startNanos()).toString())
                    .put("durationMicros", (s.endNanos() - s.startNanos()) / 1_000).put("status", s.status());
            ObjectNode attributes = span.putObject("attributes");
            s.attributes().forEach(attributes::put);
        });
        return root;
    }

    private static String attribute(List<KeyValue> attributes, String key) {
        return attributes.stream().filter(a -> a.getKey().equals(key)).map(a -> text(a.getValue())).findFirst().orElse("unknown");
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> String.valueOf(value.getIntValue());
            case BOOL_VALUE -> String.valueOf(value.getBoolValue());
            case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
            default -> value.toString().strip();
        };
    }

    private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

package no.katapult.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The local trace receiver over real HTTP: OTLP/HTTP protobuf in, one trace as JSON out. */
class TraceReceiverTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void spansOfSeveralServicesAreReadBackAsOneTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        try (TraceReceiver receiver = TraceReceiver.start(0)) {
            String base = "http://127.0.0.1:" + receiver.port();
            post(base + "/v1/traces", request(traceId, "gateway", "GET /api/v1/bookings", "00f067aa0ba902b7", null), false);
            post(base + "/v1/traces", request(traceId, "facility-booking", "POST /api/v1/bookings", "1111111111111111",
                    "00f067aa0ba902b7"), true);
            post(base + "/v1/traces", request("0af7651916cd43dd8448eb211c80319c", "catapult-registry", "GET", "2222222222222222",
                    null), false);

            HttpResponse<String> one = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/traces/" + traceId)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, one.statusCode(), one.body());
            JsonNode trace = new ObjectMapper().readTree(one.body());
            assertEquals(traceId, trace.path("traceId").asText());
            assertEquals(2, trace.path("spans").size(), one.body());
            assertEquals("gateway", trace.at("/spans/0/service").asText());
            assertEquals("SERVER", trace.at("/spans/0/kind").asText());
            assertEquals("facility-booking", trace.at("/spans/1/service").asText());
            assertEquals("00f067aa0ba902b7", trace.at("/spans/1/parentSpanId").asText(), "the parent link is kept");
            assertEquals("201", trace.at("/spans/1/attributes/http.response.status_code").asText());

            assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/traces/" + "0".repeat(31) + "1")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> garbage = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/traces"))
                    .POST(HttpRequest.BodyPublishers.ofString("not protobuf \u0000\u00ff")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, garbage.statusCode(), garbage.body());
        }
    }

    private static ExportTraceServiceRequest request(String traceId, String service, String name, String spanId, String parent) {
        Span.Builder span = Span.newBuilder().setTraceId(ByteString.copyFrom(HEX.parseHex(traceId)))
                .setSpanId(ByteString.copyFrom(HEX.parseHex(spanId))).setName(name)
                .setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(System.currentTimeMillis() * 1_000_000L)
                .setEndTimeUnixNano(System.currentTimeMillis() * 1_000_000L + 3_000_000L)
                .addAttributes(KeyValue.newBuilder().setKey("http.response.status_code")
                        .setValue(AnyValue.newBuilder().setIntValue(201)));
        if (parent != null) {
            span.setParentSpanId(ByteString.copyFrom(HEX.parseHex(parent)));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder().setKey("service.name")
                        .setValue(AnyValue.newBuilder().setStringValue(service))))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span))).build();
    }

    private static void post(String url, ExportTraceServiceRequest request, boolean gzip) throws Exception {
        byte[] body = request.toByteArray();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-protobuf");
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            body = zipped.toByteArray();
            b.header("Content-Encoding", "gzip");
        }
        HttpResponse<byte[]> r = HTTP.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
    }
}

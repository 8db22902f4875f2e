package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import no.katapult.launcher.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo loader against a stand-in for the gateway and the token endpoint that answers 503 (with Retry-After,
 * as the gateway does) while "the services start": the loader waits, then loads everything; a second run finds
 * everything and creates nothing.
 */
class DemoDataTest {

    private static final String TOKEN_PATH = "/realms/catapult/protocol/openid-connect/token";

    static {
        // Without it each answer waits for a delayed ACK (about 40 ms): the loader sends some 300 requests here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private HttpServer server;
    private FakeSuite suite;

    @TempDir
    Path root;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        suite = new FakeSuite();
        server.createContext("/", suite::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DemoData demoData() {
        String port = String.valueOf(server.getAddress().getPort());
        Settings settings = Settings.from(Map.of("GATEWAY_PORT", port,
                "CATAPULT_OIDC_URL", "http://127.0.0.1:" + port + "/realms/catapult"), root);
        return new DemoData(settings.gatewayUrl(), settings.tokenUrl());
    }

    @Test
    void loadsCompletelyThroughAGatewayThatAnswers503WhileTheServicesStart() {
        suite.unavailableFor(3);
        assertTrue(demoData().load(), "Demo data: loaded");
        assertEquals(3, suite.unavailable.get(), "the loader met the 503s and waited them out");
        assertEquals(RegistryDemo.CENTRES.size(), suite.items("centres").size());
        assertEquals(RegistryDemo.FACILITIES.size(), suite.items("facilities").size());
        assertEquals(RegistryDemo.FACILITIES.stream().mapToInt(f -> f.equipment().size()).sum(),
                suite.items("equipment").size());
        assertEquals(RegistryDemo.ORGANISATIONS.size(), suite.items("organisations").size());
        assertEquals(RegistryDemo.CENTRES.stream().map(c -> DemoIds.centre(c.code())).toList(),
                suite.items("centres").stream().map(c -> c.path("id").asText()).toList(), "centres at their fixed ids");
        assertEquals(RegistryDemo.FACILITIES.stream().map(f -> DemoIds.facility(f.name())).toList(),
                suite.items("facilities").stream().map(f -> f.path("id").asText()).toList(), "facilities at their fixed ids");
        assertEquals(List.of("reviewer-1", "reviewer-2"),
                suite.items("reviewers").stream().map(r -> r.path("id").asText()).toList(), "the reviewer pool");
        assertEquals(1, suite.items("calls").size());
        assertEquals("SUBMITTED", suite.items("applications").get(0).path("status").asText());
        assertEquals(1, suite.items("attachments").size(), "the project description that submitting needs");
        assertEquals(BookingDemo.BOOKINGS.size(), suite.items("bookings").size());
        assertEquals(List.of("Bearer token-for-sme-anna"), suite.tokensSeenOn("bookings", "sme-anna"));

        int requests = suite.requests.get();
        assertTrue(demoData().load(), "a second run is complete as well");
        assertEquals(BookingDemo.BOOKINGS.size(), suite.items("bookings").size(), "and creates nothing");
        assertEquals(1, suite.items("attachments").size(), "nor attaches again");
        assertEquals(RegistryDemo.CENTRES.size(), suite.items("centres").size());
        assertTrue(suite.requests.get() > requests);
    }

    @Test
    void aRefusedStepIsReportedAndTheRunIsIncomplete() {
        suite.refuse("POST /api/v1/calls");
        assertFalse(demoData().load(), "Demo data: INCOMPLETE");
        assertEquals(RegistryDemo.CENTRES.size(), suite.items("centres").size(), "the other areas still load");
        assertEquals(BookingDemo.BOOKINGS.size(), suite.items("bookings").size());
        assertTrue(suite.items("applications").isEmpty());
    }

    /** Just enough of the suite's API for the loader: lists filtered by their query, creates, two actions. */
    private static final class FakeSuite {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger unavailable = new AtomicInteger();
        private final Map<String, List<ObjectNode>> store = new LinkedHashMap<>();
        private final Map<String, List<String>> authorisations = new LinkedHashMap<>();
        private int unavailableFor;
        private String refused = "";

        void unavailableFor(int requests) {
            unavailableFor = requests;
        }

        void refuse(String request) {
            refused = request;
        }

        synchronized List<ObjectNode> items(String collection) {
            return store.computeIfAbsent(collection, c -> new ArrayList<>());
        }

        synchronized List<String> tokensSeenOn(String collection, String user) {
            return authorisations.getOrDefault(collection + " " + user, List.of()).stream().distinct().toList();
        }

        synchronized void handle(HttpExchange exchange) throws IOException {
            requests.incrementAndGet();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals(TOKEN_PATH)) {
                String user = form(body).get("username");
                send(exchange, 200, "application/json", "{\"access_token\": \"token-for-" + user + "\"}");
                return;
            }
            if (unavailable.get() < unavailableFor) {
                unavailable.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", "0");
                send(exchange, 503, "application/problem+json", "{\"status\": 503, \"title\": \"Unavailable\"}");
                return;
            }
            if ((method + " " + path).equals(refused)) {
                send(exchange, 403, "application/problem+json", "{\"status\": 403, \"title\": \"Forbidden\"}");
                return;
            }
            String[] segments = path.substring("/api/v1/".length()).split("/");
            String collection = segments[0];
            if (segments.length == 3 && segments[2].equals("attachments")) {
                attachment(exchange, method, segments[1], body);
                return;
            }
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorisations.computeIfAbsent(collection + " " + auth.replace("Bearer token-for-", ""),
                        k -> new ArrayList<>()).add(auth);
            }
            List<ObjectNode> items = items(collection);
            ObjectNode request = body.isBlank() ? Json.obj() : (ObjectNode) Json.MAPPER.readTree(body);
            if (collection.equals("organisations")) {
                ObjectNode org = items.stream().filter(o -> o.path("orgNo").asText().equals(segments[1])).findFirst()
                        .orElse(null);
                if (method.equals("PUT")) {
                    items.add(request);
                }
                send(exchange, method.equals("PUT") ? 201 : org == null ? 404 : 200, "application/json",
                        org == null ? "{}" : org.toString());
            } else if (segments.length == 2) {
                // The catalogue at its fixed ids (PUT with If-None-Match: * creates), and the reviewer pool by user name.
                ObjectNode item = items.stream().filter(i -> i.path("id").asText().equals(segments[1])).findFirst()
                        .orElse(null);
                if (method.equals("GET")) {
                    send(exchange, item == null ? 404 : 200, "application/json", item == null ? "{}" : item.toString());
                } else if (item != null || !(collection.equals("reviewers")
                        || "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match")))) {
                    send(exchange, 412, "application/problem+json", "{\"status\": 412, \"title\": \"Precondition failed\"}");
                } else {
                    request.put("id", segments[1]);
                    items.add(request);
                    send(exchange, 201, "application/json", request.toString());
                }
            } else if (method.equals("GET")) {
                Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
                ArrayNode found = Json.MAPPER.createArrayNode();
                items.stream().filter(i -> query.entrySet().stream().allMatch(q -> q.getKey().equals("size")
                        || i.path(q.getKey()).asText().equals(q.getValue()))).forEach(found::add);
                send(exchange, 200, "application/json", Json.obj("items", found).toString());
            } else if (segments.length == 3 && segments[2].equals("submit")) {
                ObjectNode application = items.stream().filter(a -> a.path("id").asText().equals(segments[1]))
                        .findFirst().orElseThrow();
                if (items("attachments").stream().noneMatch(a -> a.path("applicationId").asText().equals(segments[1]))) {
                    send(exchange, 422, "application/problem+json", "{\"status\": 422, \"title\": \"Incomplete\"}");
                    return;
                }
                application.put("status", "SUBMITTED");
                send(exchange, 200, "application/json", application.toString());
            } else {
                request.put("id", UUID.randomUUID().toString());
                if (collection.equals("applications")) {
                    request.put("status", "DRAFT").put("version", 0).put("reference", "KAT-2027-0001");
                }
                if (collection.equals("bookings")) {
                    boolean approval = requiresApproval(request.path("resourceId").asText());
                    request.put("status", approval ? "REQUESTED" : "CONFIRMED");
                }
                items.add(request);
                send(exchange, 201, "application/json", request.toString());
            }
        }

        /** Attachments as application-service takes them: multipart/form-data with a kind and a PDF file. */
        private void attachment(HttpExchange exchange, String method, String applicationId, String body)
                throws IOException {
            List<ObjectNode> attachments = items("attachments");
            if (method.equals("GET")) {
                ArrayNode found = Json.MAPPER.createArrayNode();
                attachments.stream().filter(a -> a.path("applicationId").asText().equals(applicationId)).forEach(found::add);
                send(exchange, 200, "application/json", Json.obj("items", found).toString());
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type == null || !type.startsWith("multipart/form-data; boundary=") || !body.contains("name=\"kind\"")
                    || !body.contains("PROJECT_DESCRIPTION") || !body.contains("name=\"file\"") || !body.contains("%PDF-")) {
                send(exchange, 400, "application/problem+json", "{\"status\": 400, \"title\": \"Bad form\"}");
                return;
            }
            ObjectNode attachment = Json.obj("id", UUID.randomUUID().toString(), "applicationId", applicationId,
                    "kind", "PROJECT_DESCRIPTION");
            attachments.add(attachment);
            send(exchange, 201, "application/json", attachment.toString());
        }

        private boolean requiresApproval(String resourceId) {
            return items("facilities").stream().anyMatch(f -> f.path("id").asText().equals(resourceId)
                    && f.path("bookingRules").path("requiresApproval").asBoolean());
        }

        private static Map<String, String> form(String text) {
            Map<String, String> values = new LinkedHashMap<>();
            if (text != null && !text.isBlank()) {
                for (String pair : text.split("&")) {
                    String[] kv = pair.split("=", 2);
                    values.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }
    }
}

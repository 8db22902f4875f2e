package no.katapult.booking.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * catapult-registry, stubbed with WireMock on a fixed port so a test can stop and restart it. Every
 * organisation is a SMALL enterprise unless a test says otherwise.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;
    private static int port;

    @Override
    public Map<String, String> start() {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // Enough threads that 50 concurrent bookings never queue behind each other here.
        server = new WireMockServer(wireMockConfig().port(port).containerThreads(120));
        server.start();
        stubDefaults();
        return Map.of(
                "quarkus.rest-client.registry.url", "http://localhost:" + port,
                "quarkus.rest-client.registry.read-timeout", "2500",
                "quarkus.fault-tolerance.\"no.katapult.booking.registry.RegistryCircuit/call\".circuit-breaker.delay", "300");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** Takes the registry off the network: connections are refused. */
    public static void shutDown() {
        server.stop();
    }

    /** Brings it back on the same port with the same stubs. */
    public static void restart() {
        server.start();
    }

    private static void stubDefaults() {
        server.stubFor(get(urlPathMatching("/api/v1/organisations/.*")).atPriority(10)
                .willReturn(json(200, organisationBody("000000000", "SMALL"))));
    }

    /** An organisation with this SME class; null smeClass means no declaration. */
    public static void organisation(String orgNo, String smeClass) {
        server.stubFor(get(urlEqualTo("/api/v1/organisations/" + orgNo)).atPriority(1)
                .willReturn(json(200, organisationBody(orgNo, smeClass))));
    }

    public static void organisationUnknown(String orgNo) {
        server.stubFor(get(urlEqualTo("/api/v1/organisations/" + orgNo)).atPriority(1)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":404,\"title\":\"Not found\"}")));
    }

    public static FacilityBuilder facility() {
        return new FacilityBuilder();
    }

    public static UUID equipment(UUID facilityId, String name, boolean bookable) {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("facilityId", facilityId.toString());
        body.put("name", name);
        body.put("category", "3D_PRINTER");
        body.put("bookable", bookable);
        body.put("version", 0);
        server.stubFor(get(urlEqualTo("/api/v1/equipment/" + id)).willReturn(json(200, body)));
        return id;
    }

    private static Map<String, Object> organisationBody(String orgNo, String smeClass) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orgNo", orgNo);
        body.put("name", "Demo " + orgNo);
        body.put("kind", "COMPANY");
        body.put("smeDeclaration", smeClass == null ? null : Map.of("employees", 12, "fiscalYear", 2026,
                "hasLinkedEnterprises", false));
        body.put("smeClass", smeClass);
        return body;
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, Object body) {
        try {
            return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A facility as the registry would describe it; by default open every day 00:00-24:00, no limits. */
    public static final class FacilityBuilder {
        private final Map<String, Object> rules = new LinkedHashMap<>();
        private Map<String, List<Map<String, String>>> openingHours = new LinkedHashMap<>();
        private List<Map<String, String>> closures = List.of();
        private String centreCode = "digicat";
        private boolean centreOnlyById;
        private String standard = "1000.00";
        private String sme = "400.00";
        private boolean bookable = true;
        private boolean active = true;
        private int delayMs;

        FacilityBuilder() {
            for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
                openingHours.put(day, List.of(Map.of("from", "00:00", "to", "24:00")));
            }
            rules.put("minDurationMinutes", 60);
            rules.put("maxDurationMinutes", 1500);
            rules.put("slotGranularityMinutes", 60);
            rules.put("leadTimeHours", 0);
            rules.put("horizonDays", 730);
            rules.put("bufferMinutes", 0);
            rules.put("requiresApproval", false);
            rules.put("freeCancellationNoticeHours", 48);
        }

        public FacilityBuilder centre(String code) {
            this.centreCode = code;
            return this;
        }

        /** The facility carries only centreId; the service must look the centre up. */
        public FacilityBuilder centreOnlyById() {
            this.centreOnlyById = true;
            return this;
        }

        public FacilityBuilder rule(String name, Object value) {
            rules.put(name, value);
            return this;
        }

        /** Replaces the opening hours: day -> "HH:MM-HH:MM". */
        public FacilityBuilder open(Map<String, String> hours) {
            openingHours = new LinkedHashMap<>();
            hours.forEach((day, span) -> {
                String[] parts = span.split("-");
                openingHours.put(day, List.of(Map.of("from", parts[0], "to", parts[1])));
            });
            return this;
        }

        public FacilityBuilder closed(String from, String to, String reason) {
            closures = List.of(Map.of("from", from, "to", to, "reason", reason));
            return this;
        }

        public FacilityBuilder prices(String standard, String sme) {
            this.standard = standard;
            this.sme = sme;
            return this;
        }

        public FacilityBuilder bookable(boolean bookable) {
            this.bookable = bookable;
            return this;
        }

        public FacilityBuilder active(boolean active) {
            this.active = active;
            return this;
        }

        /** The registry takes this long to describe the facility. */
        public FacilityBuilder slow(int delayMs) {
            this.delayMs = delayMs;
            return this;
        }

        public UUID register() {
            UUID id = UUID.randomUUID();
            UUID centreId = UUID.randomUUID();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id.toString());
            body.put("centreId", centreId.toString());
            if (!centreOnlyById) {
                body.put("centreCode", centreCode);
            }
            body.put("name", "Test lab " + id.toString().substring(0, 8));
            body.put("type", "LAB");
            body.put("description", "Testlab for prototyper");
            body.put("capabilities", List.of("3d-printing"));
            body.put("capacity", 6);
            body.put("address", Map.of("street", "Storgata 1", "postcode", "6002", "municipality", "Ålesund",
                    "county", "Møre og Romsdal"));
            body.put("openingHours", openingHours);
            body.put("closures", closures);
            body.put("bookingRules", rules);
            body.put("standardPrice", Map.of("amount", new java.math.BigDecimal(standard), "currency", "NOK"));
            body.put("smePrice", Map.of("amount", new java.math.BigDecimal(sme), "currency", "NOK"));
            body.put("bookable", bookable);
            body.put("active", active);
            body.put("equipment", List.of());
            body.put("version", 1);
            server.stubFor(get(urlEqualTo("/api/v1/facilities/" + id)).willReturn(json(200, body).withFixedDelay(delayMs)));
            server.stubFor(get(urlEqualTo("/api/v1/centres/" + centreId)).willReturn(json(200,
                    Map.of("id", centreId.toString(), "code", centreCode, "name", "Centre " + centreCode))));
            return id;
        }
    }
}

package no.katapult.booking.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * catapult-registry, stubbed with WireMock on a fixed port so a test can stop and restart it. Every
 * organisation is a SMALL enterprise unless a test says otherwise.
 *
 * <p>It keeps the catalogue it serves, so a test can change it as the real registry's PUTs would: move an
 * item to another facility ({@link #moveEquipment}), a facility to another centre ({@link #moveFacility}),
 * change a facility's booking rules ({@link #facilityRule}), or anything else of an item or facility
 * ({@link #changeEquipment}, {@link #changeFacility}). Each facility lists its items, as the registry's
 * facility representation does.
 */
public class RegistryStub implements QuarkusTestResourceLifecycleManager {

    static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;
    private static int port;
    private static final Map<UUID, Map<String, Object>> FACILITIES = new ConcurrentHashMap<>();
    private static final Map<UUID, Integer> FACILITY_DELAYS = new ConcurrentHashMap<>();
    private static final Map<UUID, Map<String, Object>> EQUIPMENT = new ConcurrentHashMap<>();
    /** The WireMock stub of each path, so a change replaces it instead of stacking another. */
    private static final Map<String, UUID> STUBS = new ConcurrentHashMap<>();

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
                "catapult.registry.url", "http://localhost:" + port,
                "catapult.registry.read-timeout", "2500ms",
                "catapult.registry.circuit-delay", "300ms");
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

    /** The registry answers this status, with a problem body, when asked for this organisation. */
    public static void organisationAnswers(String orgNo, int status) {
        server.stubFor(get(urlEqualTo("/api/v1/organisations/" + orgNo)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":" + status + ",\"title\":\"No\"}")));
    }

    /**
     * The next {@code times} requests for the facility get no answer: the registry closes the connection
     * (as a server does with an idle keep-alive connection just as a request goes out on it) or resets it.
     */
    public static void dropConnections(UUID facility, int times, Fault fault) {
        String scenario = "drop " + facility;
        for (int i = 0; i < times; i++) {
            server.stubFor(get(urlEqualTo("/api/v1/facilities/" + facility)).atPriority(1)
                    .inScenario(scenario).whenScenarioStateIs(i == 0 ? Scenario.STARTED : "dropped " + i)
                    .willReturn(aResponse().withFault(fault)).willSetStateTo("dropped " + (i + 1)));
        }
    }

    /** How many requests the registry has had for this path. */
    public static int requestsFor(String path) {
        return server.countRequestsMatching(getRequestedFor(urlEqualTo(path)).build()).getCount();
    }

    /** The W3C traceparent headers of the registry's requests for this path, oldest first. */
    public static List<String> traceparents(String path) {
        return server.findAll(getRequestedFor(urlEqualTo(path))).stream()
                .map(r -> r.getHeader("traceparent")).toList();
    }

    public static FacilityBuilder facility() {
        return new FacilityBuilder();
    }

    public static synchronized UUID equipment(UUID facilityId, String name, boolean bookable) {
        UUID id = UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id.toString());
        body.put("facilityId", facilityId.toString());
        body.put("name", name);
        body.put("category", "3D_PRINTER");
        body.put("bookable", bookable);
        body.put("version", 0);
        EQUIPMENT.put(id, body);
        serveEquipment(id);
        serveFacility(facilityId);
        return id;
    }

    /**
     * As the registry's PUT /api/v1/equipment/{id}: {@code change} edits the item's representation, e.g.
     * {@code e -> e.put("bookable", false)}, or {@code active=false} for a retired item (a member the
     * booking service honours when the registry sends it).
     */
    public static synchronized void changeEquipment(UUID item, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = EQUIPMENT.get(item);
        String before = (String) body.get("facilityId");
        change.accept(body);
        bumpVersion(body);
        serveEquipment(item);
        serveFacility(UUID.fromString(before));
        serveFacility(UUID.fromString((String) body.get("facilityId")));
    }

    /** PUT /api/v1/equipment/{id} with another facilityId. */
    public static void moveEquipment(UUID item, UUID toFacility) {
        changeEquipment(item, e -> e.put("facilityId", toFacility.toString()));
    }

    /** As the registry's PUT /api/v1/facilities/{id}: {@code change} edits the facility's representation. */
    public static synchronized void changeFacility(UUID facility, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = FACILITIES.get(facility);
        change.accept(body);
        bumpVersion(body);
        serveFacility(facility);
    }

    /** PUT /api/v1/facilities/{id} with another centreId: the facility now belongs to the centre with this code. */
    public static void moveFacility(UUID facility, String centreCode) {
        UUID centreId = UUID.randomUUID();
        serveCentre(centreId, centreCode);
        changeFacility(facility, f -> {
            f.put("centreId", centreId.toString());
            f.computeIfPresent("centreCode", (k, v) -> centreCode);
        });
    }

    /** PUT /api/v1/facilities/{id} with one booking rule changed, e.g. bufferMinutes. */
    @SuppressWarnings("unchecked")
    public static void facilityRule(UUID facility, String rule, Object value) {
        changeFacility(facility, f -> ((Map<String, Object>) f.get("bookingRules")).put(rule, value));
    }

    private static void bumpVersion(Map<String, Object> body) {
        body.put("version", ((Number) body.get("version")).longValue() + 1);
    }

    private static void serveEquipment(UUID item) {
        serve("/api/v1/equipment/" + item, json(200, EQUIPMENT.get(item)));
    }

    /** The facility as the registry shows it: with the items that are in it now. */
    private static void serveFacility(UUID facility) {
        Map<String, Object> body = new LinkedHashMap<>(FACILITIES.get(facility));
        List<Map<String, Object>> items = new ArrayList<>();
        EQUIPMENT.values().stream()
                .filter(e -> facility.toString().equals(e.get("facilityId")))
                .sorted((a, b) -> ((String) a.get("name") + a.get("id")).compareTo((String) b.get("name") + b.get("id")))
                .forEach(items::add);
        body.put("equipment", items);
        serve("/api/v1/facilities/" + facility, json(200, body).withFixedDelay(FACILITY_DELAYS.getOrDefault(facility, 0)));
    }

    private static void serveCentre(UUID centreId, String code) {
        serve("/api/v1/centres/" + centreId, json(200, Map.of("id", centreId.toString(), "code", code,
                "name", "Centre " + code)));
    }

    /** Answers GET {@code path} with {@code response} from now on, replacing what it answered before. */
    private static void serve(String path, ResponseDefinitionBuilder response) {
        UUID existing = STUBS.get(path);
        UUID stubId = existing != null ? existing : UUID.randomUUID();
        MappingBuilder mapping = get(urlEqualTo(path)).withId(stubId).willReturn(response);
        if (existing != null) {
            server.editStub(mapping);
        } else {
            server.stubFor(mapping);
            STUBS.put(path, stubId);
        }
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

    static ResponseDefinitionBuilder json(int status, Object body) {
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
            body.put("bookingRules", new LinkedHashMap<>(rules));
            body.put("standardPrice", Map.of("amount", new java.math.BigDecimal(standard), "currency", "NOK"));
            body.put("smePrice", Map.of("amount", new java.math.BigDecimal(sme), "currency", "NOK"));
            body.put("bookable", bookable);
            body.put("active", active);
            body.put("version", 1);
            synchronized (RegistryStub.class) {
                FACILITIES.put(id, body);
                FACILITY_DELAYS.put(id, delayMs);
                serveFacility(id);
                serveCentre(centreId, centreCode);
            }
            return id;
        }
    }
}

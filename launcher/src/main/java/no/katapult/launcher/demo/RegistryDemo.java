package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * catapult-registry demo data, created through its public API as siva-admin (catalogue) and as the SME
 * users themselves (their organisations): the five national centres, the Smart Innovation Norway node,
 * two facilities with equipment each, and the demo organisations. Existing items are looked up (centres
 * by code, facilities and equipment by name) and left alone.
 */
final class RegistryDemo {

    static final String ADMIN = "siva-admin";

    record Host(String orgNo, String name) {
    }

    record Centre(String code, String name, String kind, List<String> focusAreas, Host host, String street,
                  String postcode, String municipality, String county, String description, String establishedOn) {
    }

    record Item(String name, String category, String model, String description, List<String> capabilities,
                String standardPrice, String smePrice) {
    }

    record Facility(String centre, String name, String type, String description, List<String> capabilities,
                    int capacity, String opens, String closes, int maxDurationMinutes, boolean requiresApproval,
                    String standardPrice, String smePrice, List<Item> equipment) {
    }

    /** The organisations with their SME declarations; each is written by {@code writer}. */
    record Organisation(String orgNo, String name, String kind, String writer, Integer employees,
                        String turnover, String balance) {
    }

    static final List<Centre> CENTRES = List.of(
            new Centre("manufacturing-technology", "Manufacturing Technology", "NATIONAL_CENTRE",
                    List.of("manufacturing"), new Host("930000051", "Manufacturing Technology AS (demo)"),
                    "Demoveien 1", "2830", "Vestre Toten", "Innlandet",
                    "(demo) Nasjonalt katapultsenter for produksjonsteknologi og Industri 4.0 på Raufoss: "
                            + "automatisering, additiv tilvirkning og digitalisert produksjon.", "2017-10-01"),
            new Centre("future-materials", "Future Materials", "NATIONAL_CENTRE",
                    List.of("materials", "manufacturing"), null,
                    "Demoveien 2", "4879", "Grimstad", "Agder",
                    "(demo) Nasjonalt katapultsenter for nye materialer og pilotproduksjon i Grimstad og "
                            + "Kristiansand: kompositter, materialtesting og oppskalering.", "2017-10-01"),
            new Centre("ocean-innovation", "Ocean Innovation", "NATIONAL_CENTRE",
                    List.of("ocean", "energy"), new Host("940000017", "Ocean Innovation AS (demo)"),
                    "Demoveien 3", "5006", "Bergen", "Vestland",
                    "(demo) Nasjonalt katapultsenter for havteknologi i Bergen: havbruk, marin fornybar energi "
                            + "og testing av utstyr i sjø.", "2018-06-01"),
            new Centre("sustainable-energy", "Sustainable Energy", "NATIONAL_CENTRE",
                    List.of("energy"), null,
                    "Demoveien 4", "5411", "Stord", "Vestland",
                    "(demo) Nasjonalt katapultsenter for bærekraftig energi på Stord: batterier, brenselceller, "
                            + "hybride og frittstående energisystemer.", "2018-06-01"),
            new Centre("digicat", "DigiCat", "NATIONAL_CENTRE",
                    List.of("digital"), new Host("930000043", "DigiCat AS (demo)"),
                    "Demoveien 5", "6002", "Ålesund", "Møre og Romsdal",
                    "(demo) Nasjonalt katapultsenter for digitalisering i Ålesund: simulering, digitale tvillinger "
                            + "og virtuell prototyping.", "2018-06-01"),
            new Centre("smart-innovation-norway", "Smart Innovation Norway", "NODE",
                    List.of("energy", "digital", "industrial-services"),
                    new Host("930000019", "Smart Innovation Norway (demo)"),
                    "Remmen Kunnskapspark (demo)", "1783", "Halden", "Østfold",
                    "(demo) Regional katapultnode i Halden, på Remmen Kunnskapspark: smarte energisystemer, "
                            + "digitalisering og industriell tjenesteutvikling.", "2024-01-01"));

    static final List<Facility> FACILITIES = List.of(
            new Facility("manufacturing-technology", "Additiv tilvirkning-lab (demo)", "LAB",
                    "(demo) Lab for 3D-printing i metall og plast, med etterbehandling og inspeksjon.",
                    List.of("additive-manufacturing", "3d-printing", "metal"), 6, "08:00", "16:00", 480, false,
                    "1800.00", "900.00", List.of(
                    new Item("Metall-3D-printer (demo)", "3d-printer", "MP-290",
                            "(demo) 3D-printer for metallpulver (pulverbed), byggevolum 250 x 250 x 325 mm.",
                            List.of("3d-printing", "metal-powder-bed"), "1400.00", "700.00"),
                    new Item("Industriell CT-skanner (demo)", "inspection", "CT-450",
                            "(demo) Røntgen-CT for inspeksjon av printede og støpte deler.",
                            List.of("inspection", "ct"), null, null))),
            new Facility("manufacturing-technology", "Industri 4.0-testlinje (demo)", "PILOT_LINE",
                    "(demo) Fleksibel produksjonslinje med roboter, sensorer og MES for utprøving av automatisering.",
                    List.of("automation", "robotics", "industry-4.0"), 10, "08:00", "16:00", 480, false,
                    "2500.00", "1250.00", List.of(
                    new Item("Samarbeidende robot (demo)", "robot", "CR-10",
                            "(demo) Cobot med 10 kg nyttelast for montasje og maskinbetjening.",
                            List.of("robotics", "cobot"), null, null))),
            new Facility("future-materials", "Materialtestlab (demo)", "LAB",
                    "(demo) Mekanisk testing og mikroskopi av metaller, polymerer og kompositter.",
                    List.of("materials-testing", "microscopy"), 4, "08:00", "16:00", 480, false,
                    "1500.00", "750.00", List.of(
                    new Item("Strekkprøvemaskin 100 kN (demo)", "materials-testing", "UT-100",
                            "(demo) Universal strekk- og trykkprøvemaskin, 100 kN.",
                            List.of("tensile-testing"), null, null),
                    new Item("Elektronmikroskop (demo)", "microscope", "SEM-5",
                            "(demo) Skanning-elektronmikroskop (SEM) med EDS for materialanalyse.",
                            List.of("microscopy", "sem"), "1600.00", "800.00"))),
            new Facility("future-materials", "Pilotlinje for kompositter (demo)", "PILOT_LINE",
                    "(demo) Pilotproduksjon av komposittdeler: legging, herding og bearbeiding.",
                    List.of("composites", "pilot-production"), 8, "08:00", "16:00", 480, false,
                    "2200.00", "1100.00", List.of(
                    new Item("Autoklav (demo)", "curing", "AK-2",
                            "(demo) Autoklav for herding av kompositter, 2 m lang.",
                            List.of("composites", "curing"), null, null))),
            new Facility("ocean-innovation", "Havbasseng for testing (demo)", "TEST_BED",
                    "(demo) Testbasseng med bølger og strøm for utstyr til havbruk og marin energi.",
                    List.of("ocean", "wave-testing", "aquaculture"), 12, "08:00", "16:00", 480, false,
                    "3000.00", "1500.00", List.of(
                    new Item("Bølgemaker (demo)", "wave-generator", "WM-20",
                            "(demo) Bølgemaker for regelmessige og irregulære bølger.",
                            List.of("wave-testing"), null, null))),
            new Facility("ocean-innovation", "Sensorlab for havbruk (demo)", "LAB",
                    "(demo) Lab for sensorer, kommunikasjon og datainnsamling i sjø.",
                    List.of("ocean", "sensors", "aquaculture"), 6, "08:00", "16:00", 480, false,
                    "1400.00", "700.00", List.of(
                    new Item("Undervannsdrone (demo)", "rov", "ROV-300",
                            "(demo) Fjernstyrt undervannsfarkost (ROV) for inspeksjon av merder.",
                            List.of("rov", "inspection"), "1200.00", "600.00"))),
            new Facility("sustainable-energy", "Batterilab (demo)", "LAB",
                    "(demo) Testing av battericeller og -moduler: sykling, temperatur og sikkerhet.",
                    List.of("batteries", "energy-storage"), 6, "08:00", "16:00", 480, false,
                    "1600.00", "800.00", List.of(
                    new Item("Battericykler (demo)", "battery-tester", "BC-16",
                            "(demo) 16-kanals battericykler for celler og moduler.",
                            List.of("batteries", "cycling"), null, null),
                    new Item("Klimaskap (demo)", "climate-chamber", "KS-40",
                            "(demo) Klimaskap fra -40 til +150 °C for miljøtesting.",
                            List.of("environmental-testing"), null, null))),
            new Facility("sustainable-energy", "Testbenk for hydrogen og brenselceller (demo)", "TEST_BED",
                    "(demo) Testbenk for brenselceller og hybride energisystemer utenfor nettet.",
                    List.of("hydrogen", "fuel-cells", "off-grid"), 4, "08:00", "16:00", 480, false,
                    "2000.00", "1000.00", List.of(
                    new Item("Brenselcelle-teststasjon (demo)", "fuel-cell-tester", "FC-5",
                            "(demo) Teststasjon for PEM-brenselceller opp til 5 kW.",
                            List.of("fuel-cells"), null, null))),
            new Facility("digicat", "Simuleringssenter (demo)", "SIMULATION",
                    "(demo) Simulatorer og regnekraft for digitale tvillinger og virtuell prototyping.",
                    List.of("simulation", "digital-twin", "virtual-prototyping"), 8, "08:00", "20:00", 720, false,
                    "1200.00", "600.00", List.of(
                    new Item("Skipsbro-simulator (demo)", "simulator", "BRIDGE-360",
                            "(demo) Full skipsbro med 360° visning for operasjoner til sjøs.",
                            List.of("simulation", "maritime"), null, null),
                    new Item("HPC-klynge for digitale tvillinger (demo)", "compute", "HPC-64",
                            "(demo) Regneklynge med 64 noder for simulering og maskinlæring.",
                            List.of("hpc", "digital-twin"), "800.00", "400.00"))),
            new Facility("digicat", "VR- og visualiseringsrom (demo)", "VISUALISATION",
                    "(demo) Rom for visualisering i VR og på storskjerm av produkter og anlegg.",
                    List.of("visualisation", "vr"), 12, "08:00", "16:00", 480, false,
                    "900.00", "450.00", List.of(
                    new Item("VR-briller, sett med seks (demo)", "vr", "VR-6",
                            "(demo) Seks VR-briller med sporing for felles gjennomgang.",
                            List.of("vr"), null, null))),
            new Facility("smart-innovation-norway", "Energilab for smarte nett (demo)", "LAB",
                    "(demo) Lab for smarte nett og fleksibilitet, krever godkjenning av operatøren.",
                    List.of("smart-grid", "energy", "flexibility"), 6, "08:00", "16:00", 480, true,
                    "1500.00", "750.00", List.of(
                    new Item("Nettsimulator (demo)", "grid-simulator", "GS-90",
                            "(demo) Sanntids nettsimulator for maskinvare i sløyfen.",
                            List.of("smart-grid", "hardware-in-the-loop"), null, null))),
            new Facility("smart-innovation-norway", "Prototypverksted (demo)", "WORKSHOP",
                    "(demo) Verksted for raske prototyper: laserkutting, 3D-printing og elektronikk.",
                    List.of("prototyping", "3d-printing", "electronics"), 10, "08:00", "16:00", 480, false,
                    "800.00", "400.00", List.of(
                    new Item("Laserkutter (demo)", "laser-cutter", "LC-120",
                            "(demo) CO2-laserkutter for tre, akryl og papp, 1200 x 900 mm.",
                            List.of("laser-cutting"), null, null),
                    new Item("3D-printer for plast (demo)", "3d-printer", "FDM-400",
                            "(demo) 3D-printer (FDM) for plast, byggevolum 400 x 400 x 400 mm.",
                            List.of("3d-printing", "plastic"), "300.00", "150.00"))));

    static final List<Organisation> ORGANISATIONS = List.of(
            new Organisation("910000012", "Solberg Prototyping AS (demo)", "COMPANY", "sme-anna",
                    8, "12000000.00", "6500000.00"),
            new Organisation("920000010", "Haugen Marine Systemer AS (demo)", "COMPANY", "sme-bjorn",
                    42, "85000000.00", "40000000.00"),
            new Organisation("930000019", "Smart Innovation Norway (demo)", "RESEARCH", ADMIN, null, null, null),
            new Organisation("930000027", "Media City Bergen (demo)", "CLUSTER", ADMIN, null, null, null),
            new Organisation("930000035", "ProtoMore (demo)", "COMPANY", ADMIN, null, null, null),
            new Organisation("930000043", "DigiCat AS (demo)", "COMPANY", ADMIN, null, null, null),
            new Organisation("930000051", "Manufacturing Technology AS (demo)", "COMPANY", ADMIN, null, null, null),
            new Organisation("940000017", "Ocean Innovation AS (demo)", "COMPANY", ADMIN, null, null, null));

    private final Api api;
    private final DemoLog log;

    RegistryDemo(Api api, DemoLog log) {
        this.api = api;
        this.log = log;
    }

    Catalogue load() {
        organisations();
        Catalogue catalogue = new Catalogue();
        for (Centre c : CENTRES) {
            catalogue.centre(c.code(), centre(c));
        }
        for (Facility f : FACILITIES) {
            facility(f, catalogue);
        }
        log.done("registry: " + catalogue.centres() + " centres, " + catalogue.facilities() + " facilities, "
                + catalogue.equipmentItems() + " equipment items, " + ORGANISATIONS.size() + " organisations");
        return catalogue;
    }

    private void organisations() {
        for (Organisation o : ORGANISATIONS) {
            String path = "/api/v1/organisations/" + o.orgNo();
            Api.Answer existing = api.send("GET", o.writer(), path, null, Map.of());
            if (existing.status() == 200) {
                continue;
            }
            api.expect(existing, "GET", o.writer(), path, 404);
            ObjectNode declaration = o.employees() == null ? null : Json.obj(
                    "employees", o.employees(),
                    "annualTurnover", Json.nok(o.turnover()),
                    "balanceSheetTotal", Json.nok(o.balance()),
                    "fiscalYear", LocalDate.now().getYear() - 1,
                    "hasLinkedEnterprises", false);
            ObjectNode body = Json.obj("orgNo", o.orgNo(), "name", o.name(), "kind", o.kind(),
                    "smeDeclaration", declaration);
            api.expect(api.send("PUT", o.writer(), path, body, Map.of()), "PUT", o.writer(), path, 200, 201);
            log.step("organisation " + o.orgNo() + " " + o.name());
        }
    }

    private String centre(Centre c) {
        String lookup = "/api/v1/centres" + Api.query(Map.of("code", c.code()));
        for (JsonNode item : api.get(null, lookup).path("items")) {
            if (c.code().equals(Json.text(item, "code"))) {
                return Json.text(item, "id");
            }
        }
        ObjectNode body = Json.obj(
                "code", c.code(),
                "name", c.name(),
                "kind", c.kind(),
                "focusAreas", c.focusAreas(),
                "status", "ESTABLISHED",
                "hostOrganisation", c.host() == null ? null : Json.obj("orgNo", c.host().orgNo(), "name", c.host().name()),
                "address", address(c.street(), c.postcode(), c.municipality(), c.county()),
                "description", c.description(),
                "website", "https://" + c.code() + ".katapult.example",
                "contactEmail", "post@" + c.code() + ".katapult.example",
                "establishedOn", c.establishedOn());
        JsonNode created = api.expect(api.send("POST", ADMIN, "/api/v1/centres", body, Map.of()),
                "POST", ADMIN, "/api/v1/centres", 201);
        log.step("centre " + c.code());
        return Json.text(created, "id");
    }

    private void facility(Facility f, Catalogue catalogue) {
        Centre centre = CENTRES.stream().filter(c -> c.code().equals(f.centre())).findFirst().orElseThrow();
        String centreId = catalogue.centreId(f.centre());
        String facilityId = null;
        String lookup = "/api/v1/facilities" + Api.query(Map.of("centreId", centreId, "size", 100));
        for (JsonNode item : api.get(null, lookup).path("items")) {
            if (f.name().equals(Json.text(item, "name"))) {
                facilityId = Json.text(item, "id");
            }
        }
        if (facilityId == null) {
            ObjectNode body = Json.obj(
                    "centreId", centreId,
                    "name", f.name(),
                    "type", f.type(),
                    "description", f.description(),
                    "capabilities", f.capabilities(),
                    "capacity", f.capacity(),
                    "address", address(centre.street(), centre.postcode(), centre.municipality(), centre.county()),
                    "openingHours", weekdays(f.opens(), f.closes()),
                    "closures", Json.arr(christmas()),
                    "bookingRules", Json.obj(
                            "minDurationMinutes", 60,
                            "maxDurationMinutes", f.maxDurationMinutes(),
                            "slotGranularityMinutes", 30,
                            "leadTimeHours", 24,
                            "horizonDays", 180,
                            "bufferMinutes", 15,
                            "requiresApproval", f.requiresApproval(),
                            "freeCancellationNoticeHours", 48),
                    "standardPrice", Json.nok(f.standardPrice()),
                    "smePrice", Json.nok(f.smePrice()),
                    "bookable", true,
                    "active", true);
            JsonNode created = api.expect(api.send("POST", ADMIN, "/api/v1/facilities", body, Map.of()),
                    "POST", ADMIN, "/api/v1/facilities", 201);
            facilityId = Json.text(created, "id");
            log.step("facility " + f.name());
        }
        catalogue.facility(f.name(), facilityId);
        equipment(f, facilityId, catalogue);
    }

    private void equipment(Facility f, String facilityId, Catalogue catalogue) {
        Map<String, String> existing = new LinkedHashMap<>();
        String lookup = "/api/v1/equipment" + Api.query(Map.of("facilityId", facilityId, "size", 100));
        for (JsonNode item : api.get(null, lookup).path("items")) {
            existing.put(Json.text(item, "name"), Json.text(item, "id"));
        }
        for (Item e : f.equipment()) {
            String id = existing.get(e.name());
            if (id == null) {
                ObjectNode body = Json.obj(
                        "facilityId", facilityId,
                        "name", e.name(),
                        "category", e.category(),
                        "manufacturer", "Demo Industri AS (demo)",
                        "model", e.model(),
                        "description", e.description(),
                        "capabilities", e.capabilities(),
                        "bookable", true,
                        "standardPrice", e.standardPrice() == null ? null : Json.nok(e.standardPrice()),
                        "smePrice", e.smePrice() == null ? null : Json.nok(e.smePrice()));
                JsonNode created = api.expect(api.send("POST", ADMIN, "/api/v1/equipment", body, Map.of()),
                        "POST", ADMIN, "/api/v1/equipment", 201);
                id = Json.text(created, "id");
                log.step("equipment " + e.name());
            }
            catalogue.equipment(e.name(), id);
        }
    }

    private static ObjectNode address(String street, String postcode, String municipality, String county) {
        return Json.obj("street", street, "postcode", postcode, "municipality", municipality, "county", county);
    }

    /** Opening hours Monday to Friday, e.g. {"MONDAY": [{"from": "08:00", "to": "16:00"}], ...}. */
    private static ObjectNode weekdays(String from, String to) {
        ObjectNode hours = Json.obj();
        for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            hours.set(d.name(), Json.arr(Json.obj("from", from, "to", to)));
        }
        return hours;
    }

    /** The coming Christmas closure: 24 December to 1 January. */
    static ObjectNode christmas() {
        int year = LocalDate.now(ZoneId.of("Europe/Oslo")).getYear();
        return Json.obj("from", year + "-12-24", "to", (year + 1) + "-01-01", "reason", "Jul og nyttår (demo)");
    }

    static boolean inChristmasClosure(LocalDate day) {
        int year = LocalDate.now(ZoneId.of("Europe/Oslo")).getYear();
        return !day.isBefore(LocalDate.of(year, 12, 24)) && !day.isAfter(LocalDate.of(year + 1, 1, 1));
    }
}

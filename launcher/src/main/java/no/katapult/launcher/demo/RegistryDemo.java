package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.client.Answer;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/**
 * catapult-registry demo data, created through its public API as siva-admin (catalogue) and as the SME
 * users themselves (their organisations): the five national centres, the Smart Innovation Norway node,
 * two facilities with equipment each, and the demo organisations, as {@code demo/registry.json} lists them.
 * Existing items are looked up (centres by code, facilities and equipment by name) and left alone.
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

    /**
     * The organisations with their SME declarations and, for partners, the contact person told of decisions;
     * each is written by {@code writer}.
     */
    record Organisation(String orgNo, String name, String kind, String writer, Integer employees,
                        String turnover, String balance, String contactName, String contactEmail) {
    }

    /** The demo catalogue is data: {@code demo/registry.json}, next to this class in the launcher's jar. */
    private record Data(List<Organisation> organisations, List<Centre> centres, List<Facility> facilities) {
    }

    private static final Data DATA = Json.resource("demo/registry.json", Data.class);
    static final List<Centre> CENTRES = List.copyOf(DATA.centres());
    static final List<Facility> FACILITIES = List.copyOf(DATA.facilities());
    static final List<Organisation> ORGANISATIONS = List.copyOf(DATA.organisations());

    private final Session session;

    RegistryDemo(Session session) {
        this.session = session;
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
        session.log().done("registry: " + catalogue.centres() + " centres, " + catalogue.facilities() + " facilities, "
                + catalogue.equipmentItems() + " equipment items, " + ORGANISATIONS.size() + " organisations");
        return catalogue;
    }

    private void organisations() {
        for (Organisation o : ORGANISATIONS) {
            String path = "/api/v1/organisations/" + o.orgNo();
            Answer existing = session.get(path).as(o.writer()).send();
            if (existing.status() == 200) {
                continue;
            }
            existing.expect(404);
            ObjectNode declaration = o.employees() == null ? null : Json.obj(
                    "employees", o.employees(),
                    "annualTurnover", Json.nok(o.turnover()),
                    "balanceSheetTotal", Json.nok(o.balance()),
                    "fiscalYear", LocalDate.now().getYear() - 1,
                    "hasLinkedEnterprises", false);
            ObjectNode body = Json.obj("orgNo", o.orgNo(), "name", o.name(), "kind", o.kind(),
                    "contactPerson", o.contactEmail() == null ? null
                            : Json.obj("name", o.contactName(), "email", o.contactEmail()),
                    "smeDeclaration", declaration);
            session.put(path).as(o.writer()).body(body).expect(200, 201);
            session.log().step("organisation " + o.orgNo() + " " + o.name());
        }
    }

    private String centre(Centre c) {
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
        return session.ensure("/api/v1/centres/", DemoIds.centre(c.code()),
                () -> session.find(session.get("/api/v1/centres").query("code", c.code()), "code", c.code()),
                body, "centre " + c.code());
    }

    private void facility(Facility f, Catalogue catalogue) {
        Centre centre = CENTRES.stream().filter(c -> c.code().equals(f.centre())).findFirst().orElseThrow();
        String centreId = catalogue.centreId(f.centre());
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
        String facilityId = session.ensure("/api/v1/facilities/", DemoIds.facility(f.name()),
                () -> session.find(session.get("/api/v1/facilities").query("centreId", centreId).query("size", 100),
                        "name", f.name()),
                body, "facility " + f.name());
        catalogue.facility(f.name(), facilityId);
        equipment(f, facilityId, catalogue);
    }

    private void equipment(Facility f, String facilityId, Catalogue catalogue) {
        for (Item e : f.equipment()) {
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
            String id = session.ensure("/api/v1/equipment/", DemoIds.equipment(e.name()),
                    () -> session.find(session.get("/api/v1/equipment").query("facilityId", facilityId).query("size", 100),
                            "name", e.name()),
                    body, "equipment " + e.name());
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

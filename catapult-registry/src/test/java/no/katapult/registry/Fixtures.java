package no.katapult.registry;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * Request bodies and created resources for the tests. Every code is fresh, so test classes never
 * collide in the shared database.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static String code(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> money(String amount) {
        return new LinkedHashMap<>(Map.of("amount", new BigDecimal(amount), "currency", "NOK"));
    }

    /** An organisation's body, with its SME declaration or (null) none. */
    public static Map<String, Object> organisation(Map<String, Object> declaration) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Prototyp AS (test)");
        body.put("kind", "COMPANY");
        if (declaration != null) {
            body.put("smeDeclaration", declaration);
        }
        return body;
    }

    /** An SME declaration for fiscal year 2025, amounts in NOK. */
    public static Map<String, Object> declaration(int employees, String turnoverNok, String balanceNok, boolean linked) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("employees", employees);
        d.put("annualTurnover", money(turnoverNok));
        d.put("balanceSheetTotal", money(balanceNok));
        d.put("fiscalYear", 2025);
        d.put("hasLinkedEnterprises", linked);
        return d;
    }

    public static Map<String, Object> centre(String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("name", "Senter " + code);
        body.put("kind", "NATIONAL_CENTRE");
        body.put("focusAreas", List.of("manufacturing", "materials"));
        body.put("status", "ESTABLISHED");
        body.put("hostOrganisation", Map.of("orgNo", "930000043", "name", "Vertsorganisasjon AS (demo)"));
        body.put("address", new LinkedHashMap<>(Map.of("street", "Storgata 1", "postcode", "2830",
                "municipality", "Vestre Toten", "county", "Innlandet")));
        body.put("description", "Nasjonalt katapultsenter for produksjonsteknologi.");
        body.put("website", "https://example.no/" + code);
        body.put("contactEmail", "post@" + code + ".example.no");
        body.put("establishedOn", "2017-10-01");
        return body;
    }

    public static Response post(String path, String token, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post(path).andReturn();
    }

    public static Response put(String path, String token, String ifMatch, Object body) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.put(path).andReturn();
    }

    /** A PUT with If-None-Match: *, a create at the id in the path. */
    public static Response createAt(String path, String token, Object body) {
        var request = given().contentType(ContentType.JSON).body(body).header("If-None-Match", "*");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.put(path).andReturn();
    }

    /** Creates as siva-admin and returns the new id. */
    public static String create(String path, Map<String, Object> body) {
        Response r = post(path, TestTokens.admin(), body);
        if (r.statusCode() != 201) {
            throw new AssertionError(path + ": not created: " + r.statusCode() + " " + r.asString());
        }
        return r.jsonPath().getString("id");
    }

    public static String createCentre(Map<String, Object> body) {
        return create("/api/v1/centres", body);
    }

    /** A fresh established national centre; returns {id, code}. */
    public static String[] newCentre() {
        String code = code("centre");
        return new String[]{createCentre(centre(code)), code};
    }

    public static Map<String, Object> facility(String centreId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("centreId", centreId);
        body.put("name", "Prototypeverksted " + UUID.randomUUID().toString().substring(0, 6));
        body.put("type", "WORKSHOP");
        body.put("description", "Verksted med CNC-fres og sveiseutstyr.");
        body.put("capabilities", new ArrayList<>(List.of("machining", "welding")));
        body.put("capacity", 6);
        body.put("address", new LinkedHashMap<>(Map.of("street", "Verkstedveien 2", "postcode", "2830",
                "municipality", "Vestre Toten", "county", "Innlandet")));
        Map<String, Object> hours = new LinkedHashMap<>();
        hours.put("MONDAY", List.of(interval("08:00", "16:00")));
        hours.put("TUESDAY", List.of(interval("08:00", "16:00")));
        hours.put("FRIDAY", List.of(interval("08:00", "12:00"), interval("13:00", "24:00")));
        body.put("openingHours", hours);
        body.put("closures", new ArrayList<>(List.of(Map.of("from", "2026-12-24", "to", "2027-01-01", "reason", "Juleferie"))));
        body.put("bookingRules", bookingRules(60, 480, 30));
        body.put("standardPrice", money("1250.00"));
        body.put("smePrice", money("750.00"));
        body.put("bookable", true);
        body.put("active", true);
        return body;
    }

    public static Map<String, Object> interval(String from, String to) {
        return Map.of("from", from, "to", to);
    }

    public static Map<String, Object> bookingRules(int min, int max, int granularity) {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("minDurationMinutes", min);
        rules.put("maxDurationMinutes", max);
        rules.put("slotGranularityMinutes", granularity);
        rules.put("leadTimeHours", 24);
        rules.put("horizonDays", 180);
        rules.put("bufferMinutes", 15);
        rules.put("requiresApproval", false);
        rules.put("freeCancellationNoticeHours", 48);
        return rules;
    }

    public static String createFacility(Map<String, Object> body) {
        return create("/api/v1/facilities", body);
    }

    public static Map<String, Object> equipment(String facilityId, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("facilityId", facilityId);
        body.put("name", name);
        body.put("category", "machine");
        body.put("manufacturer", "Produsent AS");
        body.put("model", "X1");
        body.put("description", "En maskin.");
        body.put("capabilities", new ArrayList<>(List.of("general")));
        body.put("bookable", true);
        return body;
    }

    public static String createEquipment(Map<String, Object> body) {
        return create("/api/v1/equipment", body);
    }
}

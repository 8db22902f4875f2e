package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * application-service demo data through its public API: the open pre-project call (siva-admin) and a
 * submitted consortium application from applicant-sin with Media City Bergen and ProtoMore as partners.
 * The call is found by title and the application by title within the call, so a second run adds nothing.
 */
final class ApplicationDemo {

    static final String CALL_TITLE = "Forprosjekt: nasjonalt katapultsenter for industriell tjenesteutvikling";
    static final String APPLICATION_TITLE = "Katapult for industriell tjenesteutvikling – forprosjekt (demo)";
    private static final String ADMIN = "siva-admin";
    private static final String APPLICANT = "applicant-sin";
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final Api api;
    private final DemoLog log;

    ApplicationDemo(Api api, DemoLog log) {
        this.api = api;
        this.log = log;
    }

    void load() {
        String callId = call();
        JsonNode application = application(callId);
        String status = Json.text(application, "status");
        if ("DRAFT".equals(status)) {
            String path = "/api/v1/applications/" + Json.text(application, "id") + "/submit";
            application = api.expect(api.send("POST", APPLICANT, path, null,
                    Map.of("If-Match", "\"" + application.path("version").asLong() + "\"")), "POST", APPLICANT, path, 200);
            log.step("submission of " + Json.text(application, "reference"));
        }
        log.done("applications: call '" + CALL_TITLE + "', application " + Json.text(application, "reference")
                + " (" + Json.text(application, "status") + ")");
    }

    private String call() {
        String list = "/api/v1/calls" + Api.query(Map.of("size", 100));
        for (JsonNode item : api.get(ADMIN, list).path("items")) {
            if (CALL_TITLE.equals(Json.text(item, "title"))) {
                return Json.text(item, "id");
            }
        }
        LocalDate today = LocalDate.now(OSLO);
        ZonedDateTime opens = today.minusDays(7).atTime(LocalTime.of(9, 0)).atZone(OSLO);
        ZonedDateTime closes = today.plusWeeks(4).atTime(LocalTime.of(12, 0)).atZone(OSLO);
        ObjectNode body = Json.obj(
                "title", CALL_TITLE,
                "description", "(demo) Siva lyser ut midler til forprosjekter som forbereder et nasjonalt "
                        + "katapultsenter for industriell tjenesteutvikling. Konsortier av bedrifter, klynger og "
                        + "kunnskapsmiljøer kan søke om inntil 200 000 kroner.",
                "kind", "PRE_PROJECT",
                "opensAt", opens.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "closesAt", closes.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "budget", Json.nok("2000000.00"),
                "maxAmountPerApplication", Json.nok("200000.00"),
                "criteria", Json.arr(
                        Json.obj("code", "relevance", "name", "Relevans for katapultordningen",
                                "description", "Hvor godt forprosjektet svarer på behovene til SMB-er i hele landet.",
                                "weight", 3),
                        Json.obj("code", "impact", "name", "Virkning",
                                "description", "Ventet nytte for næringslivet og for ordningen.", "weight", 2),
                        Json.obj("code", "implementation", "name", "Gjennomføring",
                                "description", "Plan, konsortium, budsjett og risiko.", "weight", 2)));
        JsonNode created = api.expect(api.send("POST", ADMIN, "/api/v1/calls", body, Map.of()),
                "POST", ADMIN, "/api/v1/calls", 201);
        log.step("call '" + CALL_TITLE + "'");
        return Json.text(created, "id");
    }

    private JsonNode application(String callId) {
        String list = "/api/v1/applications" + Api.query(Map.of("callId", callId, "size", 100));
        for (JsonNode item : api.get(APPLICANT, list).path("items")) {
            if (APPLICATION_TITLE.equals(Json.text(item, "title"))) {
                return item;
            }
        }
        ObjectNode body = Json.obj(
                "callId", callId,
                "title", APPLICATION_TITLE,
                "summary", "(demo) Smart Innovation Norway, Media City Bergen og ProtoMore vil kartlegge behovet "
                        + "for en katapult som hjelper industribedrifter å utvikle tjenester rundt produktene sine, "
                        + "og lage en plan for tilbud, partnere og finansiering.",
                "focusArea", "industrial-services",
                "contactPerson", Json.obj("name", "Silje Nilsen", "email", "applicant-sin@katapult.example"),
                "partners", Json.arr(
                        Json.obj("orgNo", "930000027", "name", "Media City Bergen (demo)",
                                "role", "Partner: medieteknologi og visualisering"),
                        Json.obj("orgNo", "930000035", "name", "ProtoMore (demo)",
                                "role", "Partner: prototyping")),
                "budgetLines", Json.arr(
                        Json.obj("category", "PERSONNEL", "description", "Prosjektledelse og kartlegging (demo)",
                                "amount", Json.nok("160000.00")),
                        Json.obj("category", "SERVICES", "description", "Workshops med industribedrifter (demo)",
                                "amount", Json.nok("70000.00")),
                        Json.obj("category", "TRAVEL", "description", "Reiser mellom Halden, Bergen og Molde (demo)",
                                "amount", Json.nok("25000.00")),
                        Json.obj("category", "OTHER", "description", "Rapport og formidling (demo)",
                                "amount", Json.nok("15000.00"))),
                "requestedAmount", Json.nok("180000.00"),
                "ownFunding", Json.nok("90000.00"));
        JsonNode created = api.expect(api.send("POST", APPLICANT, "/api/v1/applications", body,
                        Map.of("Idempotency-Key", "demo-application-" + callId)),
                "POST", APPLICANT, "/api/v1/applications", 201);
        log.step("application " + Json.text(created, "reference") + " (" + APPLICATION_TITLE + ")");
        return created;
    }
}

package no.katapult.launcher.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    private final Session session;

    ApplicationDemo(Session session) {
        this.session = session;
    }

    /** The demo reviewers of the realm, in the reviewer pool with the organisations their tokens carry. */
    record Reviewer(String username, String name, String email, String orgNo, String locale, String expertise) {
    }

    static final List<Reviewer> REVIEWERS = List.of(
            new Reviewer("reviewer-1", "Rolf Berg (demo)", "reviewer-1@demo.katapult.no", "990000018", "nb",
                    "Industriell tjenesteutvikling"),
            new Reviewer("reviewer-2", "Randi Dahl (demo)", "reviewer-2@demo.katapult.no", "930000027", "en",
                    "Digital media production"));

    void load() {
        reviewers();
        String callId = call();
        JsonNode application = application(callId);
        String status = Json.text(application, "status");
        if ("DRAFT".equals(status)) {
            attachProjectDescription(Json.text(application, "id"));
            application = session.post("/api/v1/applications/" + Json.text(application, "id") + "/submit")
                    .as(APPLICANT).header("If-Match", "\"" + application.path("version").asLong() + "\"").expect(200);
            session.log().step("submission of " + Json.text(application, "reference"));
        }
        session.log().done("applications: call '" + CALL_TITLE + "', application "
                + Json.text(application, "reference") + " (" + Json.text(application, "status") + ")");
    }

    private void reviewers() {
        for (Reviewer r : REVIEWERS) {
            String path = "/api/v1/reviewers/" + r.username();
            if (session.get(path).as(ADMIN).send().status() == 200) {
                continue;
            }
            session.create(session.put(path).as(ADMIN).body(Json.obj("name", r.name(), "email", r.email(),
                    "organisations", List.of(r.orgNo()), "expertise", List.of(r.expertise()),
                    "locale", r.locale())), created -> "reviewer " + r.username() + " in the pool");
        }
    }

    /** Submitting needs a project description: a one-page PDF, unless an earlier run attached it already. */
    private void attachProjectDescription(String applicationId) {
        String path = "/api/v1/applications/" + applicationId + "/attachments";
        if (session.find(session.get(path).as(APPLICANT), "kind", "PROJECT_DESCRIPTION").isPresent()) {
            return;
        }
        String boundary = "demo-" + UUID.randomUUID();
        String pdf = """
                %PDF-1.4
                1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
                2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
                3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
                trailer << /Root 1 0 R >>
                %%EOF
                """;
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nPROJECT_DESCRIPTION\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"Prosjektbeskrivelse (demo).pdf\"\r\nContent-Type: application/pdf\r\n\r\n" + pdf
                + "\r\n--" + boundary + "--\r\n";
        session.create(session.post(path).as(APPLICANT).body(body, "multipart/form-data; boundary=" + boundary),
                a -> "project description of application " + applicationId);
    }

    private String call() {
        Optional<JsonNode> existing = session.find(session.get("/api/v1/calls").as(ADMIN).query("size", 100),
                "title", CALL_TITLE);
        if (existing.isPresent()) {
            return Json.text(existing.get(), "id");
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
        JsonNode created = session.create(session.post("/api/v1/calls").as(ADMIN).body(body),
                call -> "call '" + CALL_TITLE + "'");
        return Json.text(created, "id");
    }

    private JsonNode application(String callId) {
        Optional<JsonNode> existing = session.find(session.get("/api/v1/applications").as(APPLICANT)
                .query("callId", callId).query("size", 100), "title", APPLICATION_TITLE);
        if (existing.isPresent()) {
            return existing.get();
        }
        ObjectNode body = Json.obj(
                "callId", callId,
                "title", APPLICATION_TITLE,
                "summary", "(demo) Smart Innovation Norway, Media City Bergen og ProtoMore vil kartlegge behovet "
                        + "for en katapult som hjelper industribedrifter å utvikle tjenester rundt produktene sine, "
                        + "og lage en plan for tilbud, partnere og finansiering.",
                "focusArea", "industrial-services",
                "contactPerson", Json.obj("name", "Silje Nilsen", "email", "applicant-sin@demo.katapult.no"),
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
        return session.create(session.post("/api/v1/applications").as(APPLICANT)
                        .idempotencyKey("demo-application-" + callId).body(body),
                application -> "application " + Json.text(application, "reference") + " (" + APPLICATION_TITLE + ")");
    }
}

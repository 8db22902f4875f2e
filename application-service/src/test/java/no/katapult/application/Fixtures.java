package no.katapult.application;

import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import no.katapult.common.testing.TestTokens;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static no.katapult.common.testing.ByteBodies.givenBytes;

/** Builders for calls, applications and tokens, shared by the test classes. */
public final class Fixtures {

    /** The source of this service's events (catapult.events.source). */
    public static final String EVENT_SOURCE = "/katapult/application-service";

    public static final String SIN = "930000019";
    public static final String MCB = "930000027";
    public static final String PROTOMORE = "930000035";
    public static final String OTHER_ORG = "930000043";
    public static final String REVIEWER_ORG = "990000018";

    private Fixtures() {
    }

    public static String admin() {
        return TestTokens.admin();
    }

    public static String applicant(String username, String orgNo) {
        return TestTokens.user(username, "applicant").orgNo(orgNo).sign();
    }

    public static String reviewer(String username, String orgNo) {
        return TestTokens.user(username, "reviewer").orgNo(orgNo).sign();
    }

    /** A reviewer's token that also carries the e-mail address and locale claims, as the realm's tokens do. */
    public static String reviewer(String username, String orgNo, String email, String locale) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(TestTokens.ISSUER).subject("sub-" + username).audience(TestTokens.AUDIENCE)
                .preferredUserName(username).groups(Set.of("reviewer"))
                .claim("realm_access", Map.of("roles", List.of("reviewer")))
                .issuedAt(now).expiresAt(now.plusSeconds(3600));
        if (orgNo != null) {
            claims.claim("org_no", orgNo);
        }
        if (email != null) {
            claims.claim("email", email);
        }
        if (locale != null) {
            claims.claim("locale", locale);
        }
        return claims.sign();
    }

    public static String partner() {
        return TestTokens.partner();
    }

    /** A fresh username, so tests never share reviewer records. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String callJson(String title, Instant opensAt, Instant closesAt, String budget, String max) {
        return """
                {"title": "%s", "description": "Testutlysning", "kind": "PRE_PROJECT",
                 "opensAt": "%s", "closesAt": "%s",
                 "budget": {"amount": %s, "currency": "NOK"},
                 "maxAmountPerApplication": {"amount": %s, "currency": "NOK"},
                 "criteria": [
                   {"code": "relevance", "name": "Relevans", "description": "Relevans for ordningen", "weight": 3},
                   {"code": "impact", "name": "Virkning", "weight": 2},
                   {"code": "implementation", "name": "Gjennomføring", "weight": 1}]}
                """.formatted(title, opensAt, closesAt, budget, max);
    }

    public static String createCall(Instant opensAt, Instant closesAt, String budget, String max) {
        return given().auth().oauth2(admin()).contentType("application/json")
                .body(callJson(unique("Utlysning"), opensAt, closesAt, budget, max))
                .post("/api/v1/calls").then().statusCode(201).extract().path("id");
    }

    /** A call that opened yesterday and closes in 30 days. */
    public static String openCall(String budget, String max) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return createCall(now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS), budget, max);
    }

    public static String money(String amount) {
        return "{\"amount\": " + amount + ", \"currency\": \"NOK\"}";
    }

    /** A complete application body: one PERSONNEL line of requested + own funding. */
    public static String applicationJson(String callId, String requested, String own, String... partnerOrgNos) {
        String partners = List.of(partnerOrgNos).stream()
                .map(o -> "{\"orgNo\": \"" + o + "\", \"name\": \"Partner " + o + "\", \"role\": \"Partner\"}")
                .collect(Collectors.joining(", "));
        String total = new BigDecimal(requested).add(new BigDecimal(own)).toPlainString();
        return """
                {"callId": "%s", "title": "Forprosjekt industriell tjenesteutvikling",
                 "summary": "Konsortiet utreder et nasjonalt tilbud.", "focusArea": "Tjenesteutvikling",
                 "contactPerson": {"name": "Siri Nilsen", "email": "siri@example.no"},
                 "partners": [%s],
                 "budgetLines": [{"category": "PERSONNEL", "description": "Prosjektledelse", "amount": %s}],
                 "requestedAmount": %s, "ownFunding": %s}
                """.formatted(callId, partners, money(total), money(requested), money(own));
    }

    public static Response post(String token, String path, String body) {
        var spec = given().auth().oauth2(token);
        if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        return spec.post(path).andReturn();
    }

    public static String createDraft(String token, String body) {
        return post(token, "/api/v1/applications", body).then().statusCode(201).extract().path("id");
    }

    public static String createSubmitted(String token, String callId, String requested, String... partners) {
        String id = createDraft(token, applicationJson(callId, requested, "10000", partners));
        attachProjectDescription(token, id);
        post(token, "/api/v1/applications/" + id + "/submit", null).then().statusCode(200);
        return id;
    }

    /** POST .../attachments as multipart/form-data: the kind field first, then the file part. */
    public static Response upload(String token, String applicationId, String kind, String filename, byte[] content) {
        return upload(token, applicationId, form(kind, filename, "application/octet-stream", content));
    }

    static final String BOUNDARY = "katapult-test-boundary-7f3a9c";

    /**
     * Sends a multipart body with its Content-Length, as browsers and curl -F do (rest-assured's multiPart sends it
     * chunked, which the upload refuses with 411).
     */
    public static Response upload(String token, String applicationId, byte[] form) {
        return givenBytes("multipart/form-data; boundary=" + BOUNDARY, form).auth().oauth2(token)
                .post("/api/v1/applications/" + applicationId + "/attachments").andReturn();
    }

    /** A multipart/form-data body: the kind field (left out when null), then the file part (left out when null). */
    public static byte[] form(String kind, String filename, String declaredType, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        if (kind != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n")
                    .getBytes(utf8));
        }
        if (content != null) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: " + declaredType + "\r\n\r\n").getBytes(utf8));
            out.writeBytes(content);
            out.writeBytes("\r\n".getBytes(utf8));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(utf8));
        return out.toByteArray();
    }

    /** Attaches a small PDF as the project description that submitting needs; answers its id. */
    public static String attachProjectDescription(String token, String applicationId) {
        return upload(token, applicationId, "PROJECT_DESCRIPTION", "Prosjektbeskrivelse.pdf", TestFiles.smallPdf())
                .then().statusCode(201).extract().path("id");
    }

    public static Response assign(String applicationId, String body) {
        return given().auth().oauth2(admin()).contentType("application/json").body(body)
                .put("/api/v1/applications/" + applicationId + "/reviewers").andReturn();
    }

    /** A submitted application moved to UNDER_REVIEW with one fresh reviewer (org known from the assignment). */
    public static String createUnderReview(String token, String callId, String requested, String... partners) {
        String id = createSubmitted(token, callId, requested, partners);
        String reviewer = unique("reviewer");
        assign(id, "{\"reviewers\": [\"" + reviewer + "\"], \"reviewerOrganisations\": {\"" + reviewer + "\": \""
                + REVIEWER_ORG + "\"}}").then().statusCode(200);
        return id;
    }

    public static String approval(String amount) {
        return "{\"outcome\": \"APPROVED\", \"grantedAmount\": " + money(amount)
                + ", \"conditions\": \"Sluttrapport\", \"justification\": \"Godt prosjekt\"}";
    }
}

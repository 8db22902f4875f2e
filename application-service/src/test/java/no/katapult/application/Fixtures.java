package no.katapult.application;

import io.restassured.response.Response;
import no.katapult.common.testing.TestTokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Builders for calls, applications and tokens, shared by the test classes. */
public final class Fixtures {

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

    public static String partner() {
        return TestTokens.partner();
    }

    /** A fresh username, so tests never share reviewer records. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A random organisation number with a valid MOD11 check digit. */
    public static String randomOrgNo() {
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        while (true) {
            StringBuilder sb = new StringBuilder();
            sb.append(ThreadLocalRandom.current().nextInt(8, 10));
            for (int i = 1; i < 8; i++) {
                sb.append(ThreadLocalRandom.current().nextInt(10));
            }
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (sb.charAt(i) - '0') * weights[i];
            }
            int remainder = sum % 11;
            if (remainder == 1) {
                continue;
            }
            return sb.append(remainder == 0 ? 0 : 11 - remainder).toString();
        }
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
        String total = new java.math.BigDecimal(requested).add(new java.math.BigDecimal(own)).toPlainString();
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
        post(token, "/api/v1/applications/" + id + "/submit", null).then().statusCode(200);
        return id;
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

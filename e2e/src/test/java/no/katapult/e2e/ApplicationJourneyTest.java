package no.katapult.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static no.katapult.e2e.Suite.as;
import static no.katapult.e2e.Suite.asPartner;
import static no.katapult.e2e.Suite.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 3: a consortium application from draft to decision, read by the partner system. */
class ApplicationJourneyTest {

    @Test
    void consortiumApplicationFromDraftToDecision() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Response call = as("siva-admin").body("""
                {"title": "Forprosjekt e2e %s", "description": "End-to-end call (test data)", "kind": "PRE_PROJECT",
                 "opensAt": "%s", "closesAt": "%s",
                 "budget": {"amount": 2000000, "currency": "NOK"},
                 "maxAmountPerApplication": {"amount": 200000, "currency": "NOK"},
                 "criteria": [
                   {"code": "relevance", "name": "Relevans", "description": "Relevans for katapultordningen", "weight": 0.4},
                   {"code": "impact", "name": "Virkning", "description": "Virkning for SMB-er", "weight": 0.3},
                   {"code": "implementation", "name": "Gjennomføring", "description": "Plan og konsortium", "weight": 0.3}]}
                """.formatted(UUID.randomUUID(), now.minusHours(1), now.plusDays(14))).post("/api/v1/calls");
        assertEquals(201, call.statusCode(), call::asString);
        String callId = call.jsonPath().getString("id");

        Response draft = as("applicant-sin").header("Idempotency-Key", UUID.randomUUID().toString()).body("""
                {"callId": "%s", "title": "Katapult for industriell tjenesteutvikling", "summary": "Forprosjekt (e2e)",
                 "focusArea": "industrial-services",
                 "contactPerson": {"name": "Sina Demo", "email": "sina@example.org"},
                 "partners": [{"orgNo": "930000027", "name": "Media City Bergen (demo)", "role": "Partner"},
                              {"orgNo": "930000035", "name": "ProtoMore (demo)", "role": "Partner"}],
                 "budgetLines": [{"category": "PERSONNEL", "description": "Prosjektledelse", "amount": {"amount": 150000, "currency": "NOK"}},
                                 {"category": "SERVICES", "description": "Innleid kompetanse", "amount": {"amount": 100000, "currency": "NOK"}}],
                 "requestedAmount": {"amount": 180000, "currency": "NOK"},
                 "ownFunding": {"amount": 70000, "currency": "NOK"}}""".formatted(callId)).post("/api/v1/applications");
        assertEquals(201, draft.statusCode(), draft::asString);
        String id = draft.jsonPath().getString("id");
        assertEquals("930000019", draft.jsonPath().getString("leadApplicant.orgNo"), "lead comes from the token");

        // Edit with If-Match, then submit.
        Map<String, Object> edited = draft.jsonPath().getMap("");
        edited.put("summary", "Forprosjekt for et nasjonalt katapultsenter for industriell tjenesteutvikling (e2e)");
        Response put = as("applicant-sin").header("If-Match", draft.header("ETag")).body(edited).put("/api/v1/applications/" + id);
        assertEquals(200, put.statusCode(), put::asString);
        assertNotEquals(draft.header("ETag"), put.header("ETag"));
        Response submitted = as("applicant-sin").post("/api/v1/applications/" + id + "/submit");
        assertEquals(200, submitted.statusCode(), submitted::asString);
        assertEquals("SUBMITTED", submitted.jsonPath().getString("status"));

        // Reviewers sign in once, so their org_no is on record; reviewer-2 works for a partner.
        assertEquals(200, as("reviewer-1").get("/api/v1/applications").statusCode());
        assertEquals(200, as("reviewer-2").get("/api/v1/applications").statusCode());
        Response assigned = as("siva-admin").body("{\"reviewers\": [\"reviewer-1\"]}").put("/api/v1/applications/" + id + "/reviewers");
        assertEquals(200, assigned.statusCode(), assigned::asString);
        Response conflicted = as("siva-admin").body("{\"reviewers\": [\"reviewer-1\", \"reviewer-2\"]}")
                .put("/api/v1/applications/" + id + "/reviewers");
        assertProblem(conflicted, 409);
        assertTrue(conflicted.asString().contains("reviewer-2"), "the conflict names the reviewer");

        Response review = as("reviewer-1").body("""
                {"scores": {"relevance": 6, "impact": 5, "implementation": 6}, "comment": "Sterkt konsortium",
                 "recommendation": "APPROVE"}""").put("/api/v1/applications/" + id + "/reviews/me");
        assertTrue(review.statusCode() == 200 || review.statusCode() == 201, review::asString);

        Response assessment = as("siva-admin").get("/api/v1/applications/" + id + "/assessment");
        assertEquals(200, assessment.statusCode(), assessment::asString);
        Response ranking = as("siva-admin").get("/api/v1/calls/" + callId + "/ranking");
        assertEquals(200, ranking.statusCode(), ranking::asString);
        assertTrue(ranking.asString().contains(id));

        Response decision = as("siva-admin").body("""
                {"outcome": "APPROVED", "grantedAmount": {"amount": 150000, "currency": "NOK"},
                 "conditions": "Sluttrapport innen 12 måneder", "justification": "Høy relevans og sterkt konsortium"}""")
                .post("/api/v1/applications/" + id + "/decision");
        assertEquals(200, decision.statusCode(), decision::asString);
        assertEquals("APPROVED", decision.jsonPath().getString("status"));

        // The partner reads only the public fields of the decided application.
        Response partner = asPartner().get("/api/v1/applications/" + id);
        assertEquals(200, partner.statusCode(), partner::asString);
        Set<String> allowed = Set.of("id", "reference", "title", "leadApplicant", "partners", "callId", "callTitle", "call",
                "outcome", "grantedAmount", "decidedAt", "decisionDate", "status");
        for (Object field : partner.jsonPath().getMap("").keySet()) {
            assertTrue(allowed.contains(field), "partner sees no field " + field + ": " + partner.asString());
        }
        assertFalse(partner.asString().contains("reviewer-1"), "never reviewer identities");
        assertFalse(partner.asString().contains("Sterkt konsortium"), "never review comments");
        Response reviews = asPartner().get("/api/v1/applications/" + id + "/reviews");
        assertTrue(reviews.statusCode() == 403 || reviews.statusCode() == 404, reviews::asString);
        assertProblem(reviews, reviews.statusCode());
    }
}

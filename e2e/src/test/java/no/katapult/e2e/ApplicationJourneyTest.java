package no.katapult.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import no.katapult.client.Answer;
import no.katapult.client.MultipartForm;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

import static no.katapult.e2e.Problems.assertProblem;
import static no.katapult.e2e.Suite.API;
import static no.katapult.e2e.Suite.PARTNER;
import static no.katapult.e2e.Suite.PARTNER_SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 3: a consortium application from draft to decision, read by the partner system. */
class ApplicationJourneyTest {

    @Test
    void consortiumApplicationFromDraftToDecision() {
        String id = approvedApplication();

        // The partner reads only the public fields of the decided application.
        Answer partner = API.get("/api/v1/applications/" + id).asClient(PARTNER, PARTNER_SECRET).send();
        assertEquals(200, partner.status(), partner::toString);
        Set<String> allowed = Set.of("id", "reference", "title", "leadApplicant", "partners", "callId", "callTitle", "call",
                "outcome", "grantedAmount", "decidedAt", "decisionDate", "status");
        partner.json().fieldNames().forEachRemaining(field ->
                assertTrue(allowed.contains(field), "partner sees no field " + field + ": " + partner.body()));
        assertFalse(partner.body().contains("reviewer-1"), "never reviewer identities");
        assertFalse(partner.body().contains(REVIEW_COMMENT), "never review comments");
        Answer reviews = API.get("/api/v1/applications/" + id + "/reviews").asClient(PARTNER, PARTNER_SECRET).send();
        assertTrue(reviews.status() == 403 || reviews.status() == 404, reviews::toString);
        assertProblem(reviews, reviews.status());
    }

    static final String REVIEW_COMMENT = "Sterkt konsortium";

    /** Uploads the one-page project description (test resource) that submitting an application needs. */
    static Answer attachProjectDescription(String applicant, String applicationId) {
        byte[] pdf;
        try (InputStream in = ApplicationJourneyTest.class.getResourceAsStream("/prosjektbeskrivelse.pdf")) {
            pdf = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return API.post("/api/v1/applications/" + applicationId + "/attachments").as(applicant)
                .form(MultipartForm.create().field("kind", "PROJECT_DESCRIPTION").file("file", "Prosjektbeskrivelse.pdf", pdf))
                .send();
    }

    /**
     * A consortium application from draft to an APPROVED decision: call, draft, edit with If-Match, submit,
     * reviewers (one refused for a conflict of interest), review, assessment, ranking, decision. Its id.
     */
    static String approvedApplication() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Answer call = API.post("/api/v1/calls").as("siva-admin").body("""
                {"title": "Forprosjekt e2e %s", "description": "End-to-end call (test data)", "kind": "PRE_PROJECT",
                 "opensAt": "%s", "closesAt": "%s",
                 "budget": {"amount": 2000000, "currency": "NOK"},
                 "maxAmountPerApplication": {"amount": 200000, "currency": "NOK"},
                 "criteria": [
                   {"code": "relevance", "name": "Relevans", "description": "Relevans for katapultordningen", "weight": 0.4},
                   {"code": "impact", "name": "Virkning", "description": "Virkning for SMB-er", "weight": 0.3},
                   {"code": "implementation", "name": "Gjennomføring", "description": "Plan og konsortium", "weight": 0.3}]}
                """.formatted(UUID.randomUUID(), now.minusHours(1), now.plusDays(14))).send();
        assertEquals(201, call.status(), call::toString);
        String callId = call.json().path("id").asText();

        Answer draft = API.post("/api/v1/applications").as("applicant-sin").idempotencyKey(UUID.randomUUID().toString())
                .body("""
                {"callId": "%s", "title": "Katapult for industriell tjenesteutvikling", "summary": "Forprosjekt (e2e)",
                 "focusArea": "industrial-services",
                 "contactPerson": {"name": "Sina Demo", "email": "sina@example.org"},
                 "partners": [{"orgNo": "930000027", "name": "Media City Bergen (demo)", "role": "Partner"},
                              {"orgNo": "930000035", "name": "ProtoMore (demo)", "role": "Partner"}],
                 "budgetLines": [{"category": "PERSONNEL", "description": "Prosjektledelse", "amount": {"amount": 150000, "currency": "NOK"}},
                                 {"category": "SERVICES", "description": "Innleid kompetanse", "amount": {"amount": 100000, "currency": "NOK"}}],
                 "requestedAmount": {"amount": 180000, "currency": "NOK"},
                 "ownFunding": {"amount": 70000, "currency": "NOK"}}""".formatted(callId)).send();
        assertEquals(201, draft.status(), draft::toString);
        String id = draft.json().path("id").asText();
        assertEquals("930000019", draft.json().at("/leadApplicant/orgNo").asText(), "lead comes from the token");

        // Edit with If-Match, then submit.
        ObjectNode edited = draft.json().deepCopy();
        edited.put("summary", "Forprosjekt for et nasjonalt katapultsenter for industriell tjenesteutvikling (e2e)");
        String etag = draft.header("ETag").orElseThrow(() -> new AssertionError("ETag: " + draft));
        Answer put = API.put("/api/v1/applications/" + id).as("applicant-sin").header("If-Match", etag)
                .body(edited).send();
        assertEquals(200, put.status(), put::toString);
        assertNotEquals(draft.header("ETag"), put.header("ETag"));
        Answer attached = attachProjectDescription("applicant-sin", id);
        assertEquals(201, attached.status(), attached::toString);
        assertEquals("application/pdf", attached.json().path("mediaType").asText(), attached::toString);
        Answer submitted = API.post("/api/v1/applications/" + id + "/submit").as("applicant-sin").send();
        assertEquals(200, submitted.status(), submitted::toString);
        assertEquals("SUBMITTED", submitted.json().path("status").asText());

        // Reviewers sign in once, so their org_no is on record; reviewer-2 works for a partner.
        assertEquals(200, API.get("/api/v1/applications").as("reviewer-1").send().status());
        assertEquals(200, API.get("/api/v1/applications").as("reviewer-2").send().status());
        Answer assigned = API.put("/api/v1/applications/" + id + "/reviewers").as("siva-admin")
                .body("{\"reviewers\": [\"reviewer-1\"]}").send();
        assertEquals(200, assigned.status(), assigned::toString);
        Answer conflicted = API.put("/api/v1/applications/" + id + "/reviewers").as("siva-admin")
                .body("{\"reviewers\": [\"reviewer-1\", \"reviewer-2\"]}").send();
        assertProblem(conflicted, 409);
        assertTrue(conflicted.body().contains("reviewer-2"), "the conflict names the reviewer");

        Answer review = API.put("/api/v1/applications/" + id + "/reviews/me").as("reviewer-1").body("""
                {"scores": {"relevance": 6, "impact": 5, "implementation": 6}, "comment": "%s",
                 "recommendation": "APPROVE"}""".formatted(REVIEW_COMMENT)).send();
        assertTrue(review.status() == 200 || review.status() == 201, review::toString);

        Answer assessment = API.get("/api/v1/applications/" + id + "/assessment").as("siva-admin").send();
        assertEquals(200, assessment.status(), assessment::toString);
        Answer ranking = API.get("/api/v1/calls/" + callId + "/ranking").as("siva-admin").send();
        assertEquals(200, ranking.status(), ranking::toString);
        assertTrue(ranking.body().contains(id));

        Answer decision = API.post("/api/v1/applications/" + id + "/decision").as("siva-admin").body("""
                {"outcome": "APPROVED", "grantedAmount": {"amount": 150000, "currency": "NOK"},
                 "conditions": "Sluttrapport innen 12 måneder", "justification": "Høy relevans og sterkt konsortium"}""")
                .send();
        assertEquals(200, decision.status(), decision::toString);
        assertEquals("APPROVED", decision.json().path("status").asText());
        return id;
    }
}

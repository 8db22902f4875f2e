package no.katapult.e2e;

import no.katapult.client.Answer;
import no.katapult.client.MultipartForm;
import no.katapult.openapi.ApiClient;
import no.katapult.openapi.ApiException;
import no.katapult.openapi.ApiResponse;
import no.katapult.openapi.api.ApplicationsApi;
import no.katapult.openapi.api.CallsApi;
import no.katapult.openapi.api.DecisionsApi;
import no.katapult.openapi.api.ReviewsApi;
import no.katapult.openapi.model.Application;
import no.katapult.openapi.model.ApplicationOutcome;
import no.katapult.openapi.model.ApplicationRequest;
import no.katapult.openapi.model.ApplicationStatus;
import no.katapult.openapi.model.Attachment;
import no.katapult.openapi.model.BudgetCategory;
import no.katapult.openapi.model.BudgetLine;
import no.katapult.openapi.model.Call;
import no.katapult.openapi.model.CallKind;
import no.katapult.openapi.model.CallRequest;
import no.katapult.openapi.model.ConsortiumPartner;
import no.katapult.openapi.model.ContactPerson;
import no.katapult.openapi.model.Criterion;
import no.katapult.openapi.model.DecisionRequest;
import no.katapult.openapi.model.GetApplication200Response;
import no.katapult.openapi.model.PageResponseRankingEntryView;
import no.katapult.openapi.model.PublicApplication;
import no.katapult.openapi.model.Recommendation;
import no.katapult.openapi.model.Review;
import no.katapult.openapi.model.ReviewRequest;
import no.katapult.openapi.model.ReviewersRequest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static no.katapult.e2e.Suite.API;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Journey 3: a consortium application from draft to decision, read by the partner system. */
class ApplicationJourneyTest {

    @Test
    void consortiumApplicationFromDraftToDecision() throws Exception {
        String id = approvedApplication();
        ApiClient partner = Clients.partner();

        // The partner reads only the public fields of the decided application: read strictly, the answer is a
        // PublicApplication (whose members are all public), and not the full Application.
        ApiResponse<GetApplication200Response> read = new ApplicationsApi(partner).getApplicationWithHttpInfo(UUID.fromString(id));
        assertEquals(200, read.getStatusCode());
        PublicApplication application = assertInstanceOf(PublicApplication.class, read.getData().getActualInstance(),
                () -> "the partner's view: " + read.getData());
        assertEquals(id, String.valueOf(application.getId()));
        assertEquals(ApplicationStatus.APPROVED, application.getOutcome());
        // Strict reading kept every member, so the answer written back out is all the partner saw.
        String body = Clients.STRICT.writeValueAsString(application);
        Set<String> allowed = Set.of("id", "reference", "title", "leadApplicant", "partners", "callId", "callTitle", "call",
                "outcome", "grantedAmount", "decidedAt", "decisionDate", "status");
        Clients.STRICT.readTree(body).fieldNames().forEachRemaining(field ->
                assertTrue(allowed.contains(field), "partner sees no field " + field + ": " + body));
        assertFalse(body.contains("reviewer-1"), "never reviewer identities");
        assertFalse(body.contains(REVIEW_COMMENT), "never review comments");
        Clients.assertProblem(Set.of(403, 404), null, () -> new ReviewsApi(partner).listApplicationReviews(UUID.fromString(id)));
    }

    static final String REVIEW_COMMENT = "Sterkt konsortium";

    /**
     * Uploads the one-page project description (test resource) that submitting an application needs. Through
     * {@code Suite.API}, not the generated client: its uploadAttachment streams the multipart body without a
     * Content-Length (chunked), which the contract refuses with 411 (and which, on the h2c upgrade that Java's
     * HttpClient sends, arrives without its parts: 400 "file is required").
     */
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
    static String approvedApplication() throws IOException, ApiException {
        ApiClient admin = Clients.as("siva-admin");
        ApiClient sina = Clients.as("applicant-sin");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        ApiResponse<Call> call = new CallsApi(admin).createCallWithHttpInfo(new CallRequest()
                .title("Forprosjekt e2e " + UUID.randomUUID()).description("End-to-end call (test data)")
                .kind(CallKind.PRE_PROJECT).opensAt(now.minusHours(1)).closesAt(now.plusDays(14))
                .budget(Journeys.nok(2_000_000)).maxAmountPerApplication(Journeys.nok(200_000))
                .criteria(List.of(
                        criterion("relevance", "Relevans", "Relevans for katapultordningen", "0.4"),
                        criterion("impact", "Virkning", "Virkning for SMB-er", "0.3"),
                        criterion("implementation", "Gjennomføring", "Plan og konsortium", "0.3"))));
        assertEquals(201, call.getStatusCode());
        UUID callId = call.getData().getId();

        ApplicationsApi applications = new ApplicationsApi(sina);
        ApplicationRequest request = new ApplicationRequest()
                .callId(callId).title("Katapult for industriell tjenesteutvikling").summary("Forprosjekt (e2e)")
                .focusArea("industrial-services")
                .contactPerson(new ContactPerson().name("Sina Demo").email("sina@example.org"))
                .partners(List.of(
                        new ConsortiumPartner().orgNo("930000027").name("Media City Bergen (demo)").role("Partner"),
                        new ConsortiumPartner().orgNo("930000035").name("ProtoMore (demo)").role("Partner")))
                .budgetLines(List.of(
                        new BudgetLine().category(BudgetCategory.PERSONNEL).description("Prosjektledelse").amount(Journeys.nok(150_000)),
                        new BudgetLine().category(BudgetCategory.SERVICES).description("Innleid kompetanse").amount(Journeys.nok(100_000))))
                .requestedAmount(Journeys.nok(180_000)).ownFunding(Journeys.nok(70_000));
        ApiResponse<Application> draft = applications.createApplicationWithHttpInfo(request, UUID.randomUUID().toString());
        assertEquals(201, draft.getStatusCode());
        UUID id = draft.getData().getId();
        assertEquals("930000019", draft.getData().getLeadApplicant().getOrgNo(), "lead comes from the token");

        // Edit with If-Match, then submit.
        Application d = draft.getData();
        ApplicationRequest edited = new ApplicationRequest().callId(d.getCallId()).title(d.getTitle())
                .summary("Forprosjekt for et nasjonalt katapultsenter for industriell tjenesteutvikling (e2e)")
                .focusArea(d.getFocusArea()).contactPerson(d.getContactPerson()).partners(d.getPartners())
                .budgetLines(d.getBudgetLines()).requestedAmount(d.getRequestedAmount()).ownFunding(d.getOwnFunding());
        String etag = Journeys.etag(draft);
        ApiResponse<Application> put = applications.updateApplicationWithHttpInfo(id, edited, etag);
        assertEquals(200, put.getStatusCode());
        assertNotEquals(etag, Journeys.etag(put));
        Answer attached = attachProjectDescription("applicant-sin", id.toString());
        assertEquals(201, attached.status(), attached::toString);
        // Read as strictly as the generated client reads its answers.
        assertEquals("application/pdf", Clients.STRICT.readValue(attached.body(), Attachment.class).getMediaType(),
                attached::toString);
        ApiResponse<Application> submitted = applications.submitApplicationWithHttpInfo(id, null);
        assertEquals(200, submitted.getStatusCode());
        assertEquals(ApplicationStatus.SUBMITTED, submitted.getData().getStatus());

        // Reviewers sign in once, so their org_no is on record; reviewer-2 works for a partner.
        assertEquals(200, new ApplicationsApi(Clients.as("reviewer-1"))
                .listApplicationsWithHttpInfo(null, null, null, null, null, null).getStatusCode());
        assertEquals(200, new ApplicationsApi(Clients.as("reviewer-2"))
                .listApplicationsWithHttpInfo(null, null, null, null, null, null).getStatusCode());
        ReviewsApi reviews = new ReviewsApi(admin);
        assertEquals(200, reviews.assignReviewersWithHttpInfo(id, reviewers("reviewer-1"), null).getStatusCode());
        Clients.Refusal conflicted = Clients.assertProblem(Set.of(409), null,
                () -> reviews.assignReviewers(id, reviewers("reviewer-1", "reviewer-2"), null));
        assertTrue(conflicted.body().contains("reviewer-2"), "the conflict names the reviewer");

        ApiResponse<Review> review = new ReviewsApi(Clients.as("reviewer-1")).saveMyReviewWithHttpInfo(id, new ReviewRequest()
                .scores(Map.of("relevance", BigDecimal.valueOf(6), "impact", BigDecimal.valueOf(5),
                        "implementation", BigDecimal.valueOf(6)))
                .comment(REVIEW_COMMENT).recommendation(Recommendation.APPROVE));
        assertTrue(review.getStatusCode() == 200 || review.getStatusCode() == 201, "status " + review.getStatusCode());

        assertEquals(200, reviews.getApplicationAssessmentWithHttpInfo(id).getStatusCode());
        ApiResponse<PageResponseRankingEntryView> ranking = reviews.getCallRankingWithHttpInfo(callId, null, null);
        assertEquals(200, ranking.getStatusCode());
        assertTrue(ranking.getData().getItems().stream().anyMatch(entry -> id.equals(entry.getApplicationId())),
                ranking.getData()::toString);

        ApiResponse<Application> decision = new DecisionsApi(admin).decideApplicationWithHttpInfo(id, new DecisionRequest()
                .outcome(ApplicationOutcome.APPROVED).grantedAmount(Journeys.nok(150_000))
                .conditions("Sluttrapport innen 12 måneder").justification("Høy relevans og sterkt konsortium"), null);
        assertEquals(200, decision.getStatusCode());
        assertEquals(ApplicationStatus.APPROVED, decision.getData().getStatus());
        return id.toString();
    }

    private static ReviewersRequest reviewers(String... usernames) {
        // Not the deprecated reviewerOrganisations: the reviewers' sign-in put their organisations on record.
        return new ReviewersRequest().reviewers(List.of(usernames)).reviewerOrganisations(null);
    }

    private static Criterion criterion(String code, String name, String description, String weight) {
        return new Criterion().code(code).name(name).description(description).weight(new BigDecimal(weight));
    }

}

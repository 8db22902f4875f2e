package no.katapult.application.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.application.application.ApplicationDtos.LeadApplicantDto;
import no.katapult.application.application.ApplicationStatus;
import no.katapult.common.money.Money;
import no.katapult.common.orgno.OrgNo;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Request and response shapes of reviewer assignment, reviews, assessment and ranking. */
public final class ReviewDtos {
    private ReviewDtos() {
    }

    @Schema(name = "ReviewersRequest", description = "The complete set of reviewers of an application (PUT replaces it). "
            + "`reviewerOrganisations` is an optional extension: the org_no of reviewers whose organisation this "
            + "service does not know yet (a reviewer's org_no is recorded from their token whenever they call the API). "
            + "Assigning a reviewer with no known org_no and none given here is a 422.")
    public record ReviewersRequest(
            @NotEmpty(message = "at least one reviewer is required") @Size(max = 20)
            @Schema(required = true, examples = "[\"reviewer-1\", \"reviewer-2\"]")
            List<@NotBlank @Size(max = 200) String> reviewers,
            @Schema(description = "Optional: username -> org_no of that reviewer's organisation",
                    examples = "{\"reviewer-2\": \"930000043\"}")
            Map<@NotBlank String, @NotNull @OrgNo String> reviewerOrganisations) {
    }

    @Schema(name = "ReviewerAssignment")
    public record AssignmentView(String reviewer,
                                 @Schema(description = "Organisations recorded for the reviewer") Set<String> orgNos,
                                 OffsetDateTime assignedAt, String assignedBy, boolean reviewed) {
    }

    @Schema(name = "Reviewers", description = "The reviewers of an application (siva-admin only)")
    public record ReviewersView(UUID applicationId, ApplicationStatus status, List<String> reviewers,
                                List<AssignmentView> assignments, long version) {
    }

    @Schema(name = "ReviewRequest", description = "A reviewer's assessment: every criterion of the call scored 1..7")
    public record ReviewRequest(
            @NotNull @Schema(required = true, description = "criterion code -> whole number 1..7",
                    examples = "{\"relevance\": 6, \"impact\": 5, \"implementation\": 4}")
            Map<@NotBlank String, @NotNull BigDecimal> scores,
            @Size(max = 10000) String comment,
            @NotNull @Schema(required = true) Recommendation recommendation) {
    }

    @Schema(name = "Review")
    public record ReviewView(UUID applicationId, String reviewer, Map<String, Integer> scores, String comment,
                             Recommendation recommendation,
                             @Schema(description = "sum(score x weight) / sum(weights), 1..7") BigDecimal weightedTotal,
                             long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    @Schema(name = "ReviewList")
    public record ReviewList(List<ReviewView> items) {
    }

    @Schema(name = "ApplicationAssessment", description = "Review statistics of one application (siva-admin only)")
    public record AssessmentView(UUID applicationId, String reference, ApplicationStatus status,
                                 int reviewCount, List<Assessment.CriterionResult> criteria, BigDecimal weightedTotal,
                                 BigDecimal totalSpread, boolean disagreement,
                                 Map<Recommendation, Integer> recommendations,
                                 @Schema(description = "Each review's weighted total") List<ReviewTotal> reviews) {
    }

    @Schema(name = "ReviewTotal")
    public record ReviewTotal(String reviewer, BigDecimal weightedTotal, Recommendation recommendation) {
    }

    @Schema(name = "RankingEntry")
    public record RankingEntry(int rank, UUID applicationId, String reference, String title,
                               LeadApplicantDto leadApplicant, ApplicationStatus status,
                               BigDecimal weightedTotal, int reviewCount, boolean disagreement,
                               Money requestedAmount, Money grantedAmount) {
    }
}

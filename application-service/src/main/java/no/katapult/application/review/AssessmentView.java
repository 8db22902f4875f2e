package no.katapult.application.review;

import no.katapult.application.ApplicationStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(name = "ApplicationAssessment", description = "Review statistics of one application (siva-admin only)")
public record AssessmentView(UUID applicationId, String reference, ApplicationStatus status,
                             int reviewCount, List<Assessment.CriterionResult> criteria, BigDecimal weightedTotal,
                             BigDecimal totalSpread, boolean disagreement,
                             Map<Recommendation, Integer> recommendations,
                             @Schema(description = "Each review's weighted total") List<ReviewTotalView> reviews) {
}

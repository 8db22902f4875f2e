package no.katapult.application.review;

import no.katapult.common.time.Clocks;
import no.katapult.application.call.CallCriterion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

@Schema(name = "Review")
public record ReviewView(UUID applicationId, String reviewer, Map<String, Integer> scores, String comment,
                         Recommendation recommendation,
                         @Schema(description = "sum(score x weight) / sum(weights), 1..7") BigDecimal weightedTotal,
                         long version, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static ReviewView of(Review r, List<CallCriterion> criteria) {
        return new ReviewView(r.applicationId, r.reviewer, new TreeMap<>(r.scores), r.comment, r.recommendation,
                Assessment.totalOf(criteria, r), r.version, Clocks.inOslo(r.createdAt), Clocks.inOslo(r.updatedAt));
    }
}

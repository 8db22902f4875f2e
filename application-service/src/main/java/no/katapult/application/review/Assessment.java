package no.katapult.application.review;

import no.katapult.application.call.CallCriterion;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The arithmetic of a review round. A review's weighted total is sum(score x weight) / sum(weights), so it
 * stays on the 1..7 scale; the application's weighted total is the mean of its reviews' totals.
 * Reviewers disagree when their totals are 2 points or more apart; that test is done on exact sums, not
 * on rounded means.
 */
public record Assessment(
        @Schema(description = "Number of reviews") int reviewCount,
        List<CriterionResult> criteria,
        @Schema(description = "Mean of the reviews' weighted totals, 1..7; null without reviews") BigDecimal weightedTotal,
        @Schema(description = "Highest minus lowest review total") BigDecimal totalSpread,
        @Schema(description = "True when reviewers' weighted totals differ by 2 points or more") boolean disagreement,
        Map<Recommendation, Integer> recommendations) {

    static final int SCALE = 2;

    @Schema(name = "CriterionAssessment")
    public record CriterionResult(String code, String name, BigDecimal weight, int count,
                                  @Schema(description = "Mean score, 1..7") BigDecimal mean,
                                  Integer min, Integer max,
                                  @Schema(description = "max - min of the scores") Integer spread) {
    }

    public static Assessment of(List<CallCriterion> criteria, List<Review> reviews) {
        List<CriterionResult> results = new ArrayList<>();
        for (CallCriterion c : criteria) {
            List<Integer> scores = reviews.stream().map(r -> r.scores.get(c.code)).filter(s -> s != null).toList();
            if (scores.isEmpty()) {
                results.add(new CriterionResult(c.code, c.name, c.weight.stripTrailingZeros(), 0, null, null, null, null));
                continue;
            }
            int min = scores.stream().min(Comparator.naturalOrder()).orElseThrow();
            int max = scores.stream().max(Comparator.naturalOrder()).orElseThrow();
            BigDecimal sum = BigDecimal.valueOf(scores.stream().mapToInt(Integer::intValue).sum());
            results.add(new CriterionResult(c.code, c.name, c.weight.stripTrailingZeros(), scores.size(),
                    sum.divide(BigDecimal.valueOf(scores.size()), SCALE, RoundingMode.HALF_UP), min, max, max - min));
        }
        Map<Recommendation, Integer> recommendations = new EnumMap<>(Recommendation.class);
        for (Recommendation r : Recommendation.values()) {
            recommendations.put(r, 0);
        }
        reviews.forEach(r -> recommendations.merge(r.recommendation, 1, Integer::sum));
        if (reviews.isEmpty()) {
            return new Assessment(0, results, null, null, false, recommendations);
        }
        BigDecimal weights = weightSum(criteria);
        List<BigDecimal> sums = reviews.stream().map(r -> weightedSum(criteria, r)).filter(Objects::nonNull).toList();
        if (sums.isEmpty()) {
            return new Assessment(reviews.size(), results, null, null, false, recommendations);
        }
        BigDecimal lowest = sums.stream().min(Comparator.naturalOrder()).orElseThrow();
        BigDecimal highest = sums.stream().max(Comparator.naturalOrder()).orElseThrow();
        BigDecimal all = sums.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = all.divide(weights.multiply(BigDecimal.valueOf(sums.size())), SCALE, RoundingMode.HALF_UP);
        BigDecimal spread = highest.subtract(lowest).divide(weights, SCALE, RoundingMode.HALF_UP);
        boolean disagreement = highest.subtract(lowest).compareTo(weights.multiply(BigDecimal.valueOf(2))) >= 0;
        return new Assessment(reviews.size(), results, mean, spread, disagreement, recommendations);
    }

    /** One review's weighted total on the 1..7 scale, or null if it misses a criterion. */
    public static BigDecimal totalOf(List<CallCriterion> criteria, Review review) {
        BigDecimal sum = weightedSum(criteria, review);
        return sum == null ? null : sum.divide(weightSum(criteria), SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal weightSum(List<CallCriterion> criteria) {
        return criteria.stream().map(c -> c.weight).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal weightedSum(List<CallCriterion> criteria, Review review) {
        BigDecimal sum = BigDecimal.ZERO;
        for (CallCriterion c : criteria) {
            Integer score = review.scores.get(c.code);
            if (score == null) {
                return null;
            }
            sum = sum.add(c.weight.multiply(BigDecimal.valueOf(score)));
        }
        return sum;
    }
}

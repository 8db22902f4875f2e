package no.katapult.application.review;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import no.katapult.application.call.CallCriterion;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Assessment's arithmetic over many rounds: weights with up to three decimals, 1 to 6 criteria, 1 to 8
 * reviews scoring 1..7. The expected values are computed here in whole numbers (weights in thousandths),
 * so they do not share Assessment's BigDecimal code.
 */
class AssessmentPropertiesTest {

    static final BigDecimal ONE = new BigDecimal("1.00");
    static final BigDecimal SEVEN = new BigDecimal("7.00");

    /** Weights in thousandths, and each review's scores in criterion order. */
    record Round(List<Integer> milliWeights, List<List<Integer>> scores) {

        List<CallCriterion> criteria() {
            List<CallCriterion> criteria = new ArrayList<>();
            for (int i = 0; i < milliWeights.size(); i++) {
                criteria.add(new CallCriterion("c" + i, "Criterion " + i, null, BigDecimal.valueOf(milliWeights.get(i), 3)));
            }
            return criteria;
        }

        List<Review> reviews() {
            List<Review> reviews = new ArrayList<>();
            for (int r = 0; r < scores.size(); r++) {
                Review review = new Review();
                for (int i = 0; i < milliWeights.size(); i++) {
                    review.scores.put("c" + i, scores.get(r).get(i));
                }
                review.recommendation = Recommendation.values()[r % Recommendation.values().length];
                reviews.add(review);
            }
            return reviews;
        }

        long weightSum() {
            return milliWeights.stream().mapToLong(Integer::longValue).sum();
        }

        /** sum(score x weight) of one review, in thousandths. */
        long weightedSum(int review) {
            long sum = 0;
            for (int i = 0; i < milliWeights.size(); i++) {
                sum += (long) milliWeights.get(i) * scores.get(review).get(i);
            }
            return sum;
        }

        Round scaled(int factor) {
            return new Round(milliWeights.stream().map(w -> w * factor).toList(), scores);
        }
    }

    @Provide
    Arbitrary<Round> rounds() {
        return Arbitraries.integers().between(1, 6).flatMap(criteria -> Combinators.combine(
                Arbitraries.integers().between(1, 99_999).list().ofSize(criteria),
                Arbitraries.integers().between(1, 7).list().ofSize(criteria).list().ofMinSize(1).ofMaxSize(8))
                .as(Round::new));
    }

    @Property
    void everyTotalStaysOnTheOneToSevenScale(@ForAll("rounds") Round round) {
        for (Review review : round.reviews()) {
            BigDecimal total = Assessment.totalOf(round.criteria(), review);
            assertTrue(total.compareTo(ONE) >= 0 && total.compareTo(SEVEN) <= 0, "review total " + total);
        }
        BigDecimal mean = Assessment.of(round.criteria(), round.reviews()).weightedTotal();
        assertTrue(mean.compareTo(ONE) >= 0 && mean.compareTo(SEVEN) <= 0, "weighted total " + mean);
    }

    @Property
    void reviewersDisagreeExactlyWhenTheirTotalsAreTwoOrMoreApart(@ForAll("rounds") Round round) {
        long lowest = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        for (int r = 0; r < round.scores().size(); r++) {
            lowest = Math.min(lowest, round.weightedSum(r));
            highest = Math.max(highest, round.weightedSum(r));
        }
        // (highest - lowest) / weightSum >= 2, without dividing.
        boolean expected = highest - lowest >= 2 * round.weightSum();
        Assessment a = Assessment.of(round.criteria(), round.reviews());
        assertEquals(expected, a.disagreement());
        assertEquals(BigDecimal.valueOf(highest - lowest).divide(BigDecimal.valueOf(round.weightSum()), 2,
                RoundingMode.HALF_UP), a.totalSpread());
    }

    @Property
    void theWeightedTotalIsTheMeanOfTheReviewTotals(@ForAll("rounds") Round round) {
        long all = 0;
        for (int r = 0; r < round.scores().size(); r++) {
            all += round.weightedSum(r);
        }
        BigDecimal expected = BigDecimal.valueOf(all)
                .divide(BigDecimal.valueOf(round.weightSum() * round.scores().size()), 2, RoundingMode.HALF_UP);
        Assessment a = Assessment.of(round.criteria(), round.reviews());
        assertEquals(expected, a.weightedTotal());
        assertEquals(round.scores().size(), a.reviewCount());
        assertEquals(a.reviewCount(), a.recommendations().values().stream().mapToInt(Integer::intValue).sum());
        List<BigDecimal> totals = round.reviews().stream().map(r -> Assessment.totalOf(round.criteria(), r)).toList();
        BigDecimal min = totals.stream().min(BigDecimal::compareTo).orElseThrow();
        BigDecimal max = totals.stream().max(BigDecimal::compareTo).orElseThrow();
        // Rounding to cents keeps order, so the rounded mean stays between the rounded totals.
        assertTrue(a.weightedTotal().compareTo(min) >= 0 && a.weightedTotal().compareTo(max) <= 0);
    }

    @Property
    void onlyTheRatioOfTheWeightsMatters(@ForAll("rounds") Round round, @ForAll @IntRange(min = 2, max = 9) int factor) {
        Assessment original = Assessment.of(round.criteria(), round.reviews());
        Round scaled = round.scaled(factor);
        Assessment result = Assessment.of(scaled.criteria(), scaled.reviews());
        assertEquals(original.weightedTotal(), result.weightedTotal());
        assertEquals(original.totalSpread(), result.totalSpread());
        assertEquals(original.disagreement(), result.disagreement());
    }

    @Property
    void eachCriterionsStatisticsDescribeItsScores(@ForAll("rounds") Round round) {
        Assessment a = Assessment.of(round.criteria(), round.reviews());
        for (int i = 0; i < round.milliWeights().size(); i++) {
            Assessment.CriterionResult c = a.criteria().get(i);
            int index = i;
            List<Integer> scores = round.scores().stream().map(s -> s.get(index)).toList();
            assertEquals(scores.size(), c.count());
            assertEquals(scores.stream().min(Integer::compare).orElseThrow(), c.min());
            assertEquals(scores.stream().max(Integer::compare).orElseThrow(), c.max());
            assertEquals(c.max() - c.min(), c.spread());
            assertTrue(c.mean().compareTo(BigDecimal.valueOf(c.min())) >= 0
                    && c.mean().compareTo(BigDecimal.valueOf(c.max())) <= 0, "mean " + c.mean());
        }
    }

    @Property
    void reviewersWhoScoreAlikeNeverDisagreeAndTwoPointsHigherEverywhereAlwaysDoes(
            @ForAll("rounds") Round round) {
        List<Integer> first = round.scores().get(0);
        Round alike = new Round(round.milliWeights(), List.of(first, first, first));
        assertFalse(Assessment.of(alike.criteria(), alike.reviews()).disagreement());

        List<Integer> low = first.stream().map(s -> Math.min(s, 5)).toList();
        List<Integer> high = low.stream().map(s -> s + 2).toList();
        Round apart = new Round(round.milliWeights(), List.of(low, high));
        assertTrue(Assessment.of(apart.criteria(), apart.reviews()).disagreement());
    }
}

package no.katapult.application.review;

import no.katapult.application.call.CallCriterion;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssessmentTest {

    /** The criteria of the test calls: relevance x3, impact x2, implementation x1. */
    static final List<CallCriterion> CRITERIA = List.of(
            new CallCriterion("relevance", "Relevans", null, new BigDecimal("3")),
            new CallCriterion("impact", "Virkning", null, new BigDecimal("2.000")),
            new CallCriterion("implementation", "Gjennomføring", null, new BigDecimal("1")));

    static Review review(int relevance, int impact, int implementation, Recommendation recommendation) {
        return review(Map.of("relevance", relevance, "impact", impact, "implementation", implementation), recommendation);
    }

    static Review review(Map<String, Integer> scores, Recommendation recommendation) {
        Review r = new Review();
        r.scores.putAll(scores);
        r.recommendation = recommendation;
        return r;
    }

    static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }

    @Test
    void aReviewsTotalIsTheWeightedMeanOnTheOneToSevenScale() {
        assertEquals(decimal("5.33"), Assessment.totalOf(CRITERIA, review(6, 5, 4, Recommendation.APPROVE)));
        assertEquals(decimal("7.00"), Assessment.totalOf(CRITERIA, review(7, 7, 7, Recommendation.APPROVE)));
        assertEquals(decimal("1.00"), Assessment.totalOf(CRITERIA, review(1, 1, 1, Recommendation.REJECT)));
        assertEquals(decimal("4.67"), Assessment.totalOf(CRITERIA, review(4, 5, 6, Recommendation.REJECT)));
    }

    @Test
    void aReviewMissingACriterionHasNoTotal() {
        assertNull(Assessment.totalOf(CRITERIA, review(Map.of("relevance", 6, "impact", 5), Recommendation.UNSURE)));
    }

    @Test
    void reviewersTwoPointsOrMoreApartDisagree() {
        Assessment split = Assessment.of(CRITERIA, List.of(review(7, 7, 7, Recommendation.APPROVE),
                review(4, 5, 6, Recommendation.REJECT)));
        assertEquals(2, split.reviewCount());
        assertEquals(decimal("5.83"), split.weightedTotal());
        assertEquals(decimal("2.33"), split.totalSpread());
        assertTrue(split.disagreement());
        assertEquals(Map.of(Recommendation.APPROVE, 1, Recommendation.REJECT, 1, Recommendation.UNSURE, 0),
                split.recommendations());

        Assessment agreed = Assessment.of(CRITERIA, List.of(review(6, 6, 6, Recommendation.APPROVE),
                review(5, 5, 5, Recommendation.APPROVE)));
        assertEquals(decimal("5.50"), agreed.weightedTotal());
        assertFalse(agreed.disagreement());

        // Exactly two points apart counts.
        Assessment edge = Assessment.of(CRITERIA, List.of(review(6, 6, 6, Recommendation.APPROVE),
                review(4, 4, 4, Recommendation.UNSURE)));
        assertEquals(decimal("5.00"), edge.weightedTotal());
        assertEquals(decimal("2.00"), edge.totalSpread());
        assertTrue(edge.disagreement());
    }

    @Test
    void disagreementIsDecidedOnExactTotalsNotRoundedOnes() {
        List<CallCriterion> criteria = List.of(
                new CallCriterion("a", "A", null, new BigDecimal("199")),
                new CallCriterion("b", "B", null, new BigDecimal("1")));
        // Exact totals 1201/200 = 6.005 and 802/200 = 4.01 are 1.995 apart, though the rounded totals,
        // 6.01 and 4.01, are 2.00 apart.
        Review high = review(Map.of("a", 6, "b", 7), Recommendation.APPROVE);
        Review low = review(Map.of("a", 4, "b", 6), Recommendation.REJECT);
        assertEquals(decimal("6.01"), Assessment.totalOf(criteria, high));
        assertEquals(decimal("4.01"), Assessment.totalOf(criteria, low));
        Assessment close = Assessment.of(criteria, List.of(high, low));
        assertFalse(close.disagreement());
        // 1200/200 = 6.00 and 800/200 = 4.00: exactly 2 apart, which counts.
        assertTrue(Assessment.of(criteria, List.of(review(Map.of("a", 6, "b", 6), Recommendation.APPROVE),
                review(Map.of("a", 4, "b", 4), Recommendation.REJECT))).disagreement());
    }

    @Test
    void eachCriterionGetsMeanMinMaxAndSpread() {
        Assessment a = Assessment.of(CRITERIA, List.of(review(7, 7, 7, Recommendation.APPROVE),
                review(4, 5, 6, Recommendation.REJECT)));
        Assessment.CriterionResult relevance = a.criteria().get(0);
        assertEquals("relevance", relevance.code());
        assertEquals(new BigDecimal("3"), relevance.weight());
        assertEquals(decimal("5.50"), relevance.mean());
        assertEquals(4, relevance.min());
        assertEquals(7, relevance.max());
        assertEquals(3, relevance.spread());
        assertEquals(new BigDecimal("2"), a.criteria().get(1).weight(), "weights are shown without trailing zeros");
        assertEquals(1, a.criteria().get(2).spread());
    }

    @Test
    void withoutReviewsThereIsNoTotalAndNoDisagreement() {
        Assessment none = Assessment.of(CRITERIA, List.of());
        assertEquals(0, none.reviewCount());
        assertNull(none.weightedTotal());
        assertNull(none.totalSpread());
        assertFalse(none.disagreement());
        assertEquals(0, none.criteria().get(0).count());
        assertNull(none.criteria().get(0).mean());
        assertEquals(Map.of(Recommendation.APPROVE, 0, Recommendation.REJECT, 0, Recommendation.UNSURE, 0),
                none.recommendations());
    }

    @Test
    void incompleteReviewsCountButDoNotMoveTheTotal() {
        Assessment a = Assessment.of(CRITERIA, List.of(review(6, 6, 6, Recommendation.APPROVE),
                review(Map.of("relevance", 1), Recommendation.REJECT)));
        assertEquals(2, a.reviewCount());
        assertEquals(decimal("6.00"), a.weightedTotal());
        assertFalse(a.disagreement());
        assertEquals(decimal("3.50"), a.criteria().get(0).mean());
        assertEquals(1, a.criteria().get(1).count());
    }
}

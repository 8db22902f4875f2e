package no.katapult.application.review;

import no.katapult.common.problem.Problem.FieldError;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreSheetTest {

    static Map<String, BigDecimal> given(String relevance, String impact, String implementation) {
        return Map.of("relevance", new BigDecimal(relevance), "impact", new BigDecimal(impact),
                "implementation", new BigDecimal(implementation));
    }

    static List<String> fields(ProblemException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void wholeNumbersFromOneToSevenForEveryCriterionAreRead() {
        assertEquals(Map.of("relevance", 1, "impact", 7, "implementation", 4),
                ScoreSheet.read(AssessmentTest.CRITERIA, given("1", "7.00", "4")));
    }

    @Test
    void scoresOutsideTheScaleOrWithDecimalsAre400ListingEachOne() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ScoreSheet.read(AssessmentTest.CRITERIA, given("8", "0", "5.5")));
        assertEquals(400, e.status());
        assertEquals("validation", e.slug());
        assertEquals(List.of("scores.impact", "scores.implementation", "scores.relevance"), fields(e));
    }

    @Test
    void anUnknownCriterionIs400NamingTheKnownOnes() {
        ProblemException e = assertThrows(ProblemException.class, () -> ScoreSheet.read(AssessmentTest.CRITERIA,
                Map.of("relevance", BigDecimal.ONE, "impact", BigDecimal.ONE, "beauty", BigDecimal.ONE)));
        assertEquals(400, e.status());
        assertEquals(List.of("scores.beauty"), fields(e));
        assertTrue(e.errors().get(0).message().contains("[relevance, impact, implementation]"));
    }

    @Test
    void anUnscoredCriterionIs422ListingEachOne() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ScoreSheet.read(AssessmentTest.CRITERIA, Map.of("relevance", BigDecimal.valueOf(6))));
        assertEquals(422, e.status());
        assertEquals("incomplete-review", e.slug());
        assertEquals(List.of("scores.impact", "scores.implementation"), fields(e));
        assertTrue(e.getMessage().endsWith("missing: impact, implementation"), e.getMessage());
    }
}

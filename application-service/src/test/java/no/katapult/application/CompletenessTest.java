package no.katapult.application;

import no.katapult.common.problem.Problem.FieldError;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletenessTest {

    static final BigDecimal MAX = new BigDecimal("200000.00");
    static final Set<AttachmentKind> DESCRIBED = Set.of(AttachmentKind.PROJECT_DESCRIPTION);

    /** A complete draft: requested 150 000 + own funding 50 000, in two budget lines. */
    static Application complete() {
        Application a = new Application();
        a.title = "Forprosjekt";
        a.summary = "Konsortiet utreder et nasjonalt tilbud.";
        a.requestedAmount = new BigDecimal("150000.00");
        a.ownFunding = new BigDecimal("50000.00");
        a.budgetLines.add(new ApplicationBudgetLine(BudgetCategory.PERSONNEL, "Prosjektledelse", new BigDecimal("180000.00")));
        a.budgetLines.add(new ApplicationBudgetLine(BudgetCategory.TRAVEL, null, new BigDecimal("20000")));
        return a;
    }

    static List<String> fields(Application a) {
        return Completeness.gaps(a, MAX, DESCRIBED).stream().map(FieldError::field).toList();
    }

    @Test
    void aCompleteDraftHasNoGaps() {
        assertEquals(List.of(), Completeness.gaps(complete(), MAX, DESCRIBED));
        assertDoesNotThrow(() -> Completeness.require(complete(), MAX, DESCRIBED));
    }

    @Test
    void anEmptyDraftListsEveryMissingItemAtOnce() {
        Application empty = new Application();
        empty.title = "  ";
        assertEquals(List.of("title", "summary", "budgetLines", "requestedAmount"), fields(empty));
        ProblemException e = assertThrows(ProblemException.class, () -> Completeness.require(empty, MAX, DESCRIBED));
        assertEquals(422, e.status());
        assertEquals("incomplete-application", e.slug());
        assertEquals(4, e.errors().size());
        assertTrue(e.getMessage().contains("4 items are"), e.getMessage());
    }

    @Test
    void theRequestedAmountMustBePositiveAndWithinTheCallsMaximum() {
        Application zero = complete();
        zero.requestedAmount = BigDecimal.ZERO;
        assertTrue(Completeness.gaps(zero, MAX, DESCRIBED).contains(new FieldError("requestedAmount", "must be greater than 0")));

        Application atMax = complete();
        atMax.requestedAmount = MAX;
        atMax.budgetLines.get(0).amount = new BigDecimal("230000");
        assertEquals(List.of(), fields(atMax));

        Application above = complete();
        above.requestedAmount = new BigDecimal("200000.01");
        above.budgetLines.get(0).amount = new BigDecimal("230000.01");
        List<FieldError> gaps = Completeness.gaps(above, MAX, DESCRIBED);
        assertEquals(1, gaps.size());
        assertEquals("requestedAmount", gaps.get(0).field());
        assertTrue(gaps.get(0).message().contains("200000.00 NOK"), gaps.get(0).message());
    }

    @Test
    void budgetLinesMustAddUpToRequestedAmountPlusOwnFundingToTheOre() {
        Application off = complete();
        off.budgetLines.get(1).amount = new BigDecimal("20000.01");
        List<FieldError> gaps = Completeness.gaps(off, MAX, DESCRIBED);
        assertEquals(List.of("budgetLines"), gaps.stream().map(FieldError::field).toList());
        assertTrue(gaps.get(0).message().contains("200000.01"), gaps.get(0).message());
        assertTrue(gaps.get(0).message().contains("200000.00"), gaps.get(0).message());

        // Scale does not matter, only the amount.
        Application scaled = complete();
        scaled.budgetLines.get(1).amount = new BigDecimal("20000.000");
        assertEquals(List.of(), fields(scaled));
    }

    @Test
    void ownFundingCountsAsZeroWhenAbsent() {
        Application a = complete();
        a.ownFunding = null;
        a.budgetLines.remove(1);
        a.budgetLines.get(0).amount = new BigDecimal("150000");
        assertEquals(List.of(), fields(a));
    }

    @Test
    void aProjectDescriptionMustBeAttachedOtherKindsDoNotStandIn() {
        List<FieldError> none = Completeness.gaps(complete(), MAX, Set.of());
        assertEquals(List.of("attachments"), none.stream().map(FieldError::field).toList());
        assertTrue(none.get(0).message().contains("PROJECT_DESCRIPTION"), none.get(0).message());
        assertEquals(List.of("attachments"), Completeness.gaps(complete(), MAX,
                        Set.of(AttachmentKind.BUDGET, AttachmentKind.LETTER_OF_INTENT, AttachmentKind.OTHER))
                .stream().map(FieldError::field).toList());
        assertEquals(List.of(), Completeness.gaps(complete(), MAX,
                Set.of(AttachmentKind.PROJECT_DESCRIPTION, AttachmentKind.BUDGET)));
        ProblemException e = assertThrows(ProblemException.class, () -> Completeness.require(complete(), MAX, Set.of()));
        assertEquals(422, e.status());
        assertEquals("incomplete-application", e.slug());
    }
}

package no.katapult.application;

import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;

import static no.katapult.application.ApplicationStatus.APPROVED;
import static no.katapult.application.ApplicationStatus.DRAFT;
import static no.katapult.application.ApplicationStatus.REJECTED;
import static no.katapult.application.ApplicationStatus.SUBMITTED;
import static no.katapult.application.ApplicationStatus.UNDER_REVIEW;
import static no.katapult.application.ApplicationStatus.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionTest {

    static List<String> operationsFrom(ApplicationStatus status) {
        return Transition.allowedFrom(status).stream().map(Transition.Allowed::operation).toList();
    }

    @Test
    void theLifecycleTableNamesWhatEachStatusAllows() {
        assertEquals(List.of("edit", "submit", "withdraw"), operationsFrom(DRAFT));
        assertEquals(List.of("assign-reviewers", "withdraw"), operationsFrom(SUBMITTED));
        assertEquals(List.of("assign-reviewers", "decision", "withdraw", "review"), operationsFrom(UNDER_REVIEW));
        for (ApplicationStatus done : List.of(APPROVED, REJECTED, WITHDRAWN)) {
            assertEquals(List.of(), operationsFrom(done), done + " is final");
        }
    }

    @Test
    void eachStepLeadsWhereTheTableSays() {
        assertEquals(EnumSet.of(SUBMITTED), Transition.SUBMIT.to);
        assertEquals(EnumSet.of(APPROVED, REJECTED), Transition.DECIDE.to);
        assertEquals(EnumSet.of(UNDER_REVIEW), Transition.ASSIGN_REVIEWERS.to);
        assertEquals(EnumSet.of(WITHDRAWN), Transition.WITHDRAW.to);
        // Editing and reviewing keep the status.
        assertEquals(Transition.EDIT.from, Transition.EDIT.to);
        assertEquals(Transition.REVIEW.from, Transition.REVIEW.to);
        assertTrue(Transition.allowedFrom(UNDER_REVIEW).contains(new Transition.Allowed("decision", List.of(APPROVED, REJECTED))));
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void requireFromPassesExactlyFromTheAllowedStatuses(Transition transition) {
        for (ApplicationStatus status : ApplicationStatus.values()) {
            if (transition.from.contains(status)) {
                assertDoesNotThrow(() -> transition.requireFrom(status));
            } else {
                ProblemException e = assertThrows(ProblemException.class, () -> transition.requireFrom(status));
                assertEquals(409, e.status());
                assertEquals("illegal-transition", e.slug());
                assertEquals(status, e.extensions().get("currentStatus"));
                assertEquals(List.copyOf(transition.from), e.extensions().get("allowedFrom"));
                assertEquals(Transition.allowedFrom(status), e.extensions().get("allowedTransitions"));
            }
        }
    }

    @Test
    void theProblemNamesTheOperationsTheCurrentStatusAllows() {
        ProblemException fromSubmitted = assertThrows(ProblemException.class, () -> Transition.SUBMIT.requireFrom(SUBMITTED));
        assertTrue(fromSubmitted.getMessage().contains("assign-reviewers, withdraw"), fromSubmitted.getMessage());
        ProblemException fromFinal = assertThrows(ProblemException.class, () -> Transition.WITHDRAW.requireFrom(APPROVED));
        assertTrue(fromFinal.getMessage().contains("nothing (the application is final)"), fromFinal.getMessage());
    }

    @Test
    void moveChangesTheStatusAndReturnsTheOldOne() {
        Application a = new Application();
        a.status = UNDER_REVIEW;
        OffsetDateTime at = OffsetDateTime.parse("2027-03-28T03:30:00+02:00");
        assertSame(UNDER_REVIEW, a.move(Transition.DECIDE, REJECTED, at));
        assertEquals(REJECTED, a.status);
        assertEquals(at, a.updatedAt);
    }

    @Test
    void moveRefusesATargetTheTransitionCannotReachAndAStatusItDoesNotStartFrom() {
        Application a = new Application();
        a.status = UNDER_REVIEW;
        assertThrows(IllegalArgumentException.class, () -> a.move(Transition.DECIDE, WITHDRAWN, OffsetDateTime.now()));
        assertEquals(UNDER_REVIEW, a.status);
        a.status = DRAFT;
        assertThrows(ProblemException.class, () -> a.move(Transition.DECIDE, APPROVED, OffsetDateTime.now()));
        assertEquals(DRAFT, a.status);
        assertFalse(a.status.isDecided());
    }
}

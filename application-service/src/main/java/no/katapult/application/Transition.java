package no.katapult.application;

import no.katapult.common.problem.ProblemException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import no.katapult.common.problem.ProblemMember;

import static no.katapult.application.ApplicationStatus.APPROVED;
import static no.katapult.application.ApplicationStatus.DRAFT;
import static no.katapult.application.ApplicationStatus.REJECTED;
import static no.katapult.application.ApplicationStatus.SUBMITTED;
import static no.katapult.application.ApplicationStatus.UNDER_REVIEW;
import static no.katapult.application.ApplicationStatus.WITHDRAWN;

/**
 * The lifecycle table of the issue, plus the two operations that are allowed in a status without
 * changing it (editing a draft, changing the reviewers of an application under review).
 */
public enum Transition {
    EDIT("edit", EnumSet.of(DRAFT), EnumSet.of(DRAFT)),
    SUBMIT("submit", EnumSet.of(DRAFT), EnumSet.of(SUBMITTED)),
    ASSIGN_REVIEWERS("assign-reviewers", EnumSet.of(SUBMITTED, UNDER_REVIEW), EnumSet.of(UNDER_REVIEW)),
    DECIDE("decision", EnumSet.of(UNDER_REVIEW), EnumSet.of(APPROVED, REJECTED)),
    WITHDRAW("withdraw", EnumSet.of(DRAFT, SUBMITTED, UNDER_REVIEW), EnumSet.of(WITHDRAWN)),
    REVIEW("review", EnumSet.of(UNDER_REVIEW), EnumSet.of(UNDER_REVIEW));

    public final String operation;
    public final Set<ApplicationStatus> from;
    public final Set<ApplicationStatus> to;

    Transition(String operation, Set<ApplicationStatus> from, Set<ApplicationStatus> to) {
        this.operation = operation;
        this.from = from;
        this.to = to;
    }

    /** An allowed next step, as the 409 problem lists it. */
    public record Allowed(String operation, List<ApplicationStatus> toStatus) {
    }

    public static List<Allowed> allowedFrom(ApplicationStatus status) {
        return Arrays.stream(values())
                .filter(t -> t.from.contains(status))
                .map(t -> new Allowed(t.operation, List.copyOf(t.to)))
                .toList();
    }

    /** 409 naming what the current status allows, when this transition is not one of them. */
    public void requireFrom(ApplicationStatus current) {
        if (from.contains(current)) {
            return;
        }
        List<Allowed> allowed = allowedFrom(current);
        String names = allowed.isEmpty() ? "nothing (the application is final)"
                : String.join(", ", allowed.stream().map(Allowed::operation).toList());
        throw ProblemException.conflict("illegal-transition",
                        "Cannot " + operation + " an application that is " + current + ". " + operation
                                + " is allowed from " + from + "; from " + current + " the allowed operations are: "
                                + names)
                .with(ProblemMember.CURRENT_STATUS, current)
                .with(ProblemMember.ALLOWED_FROM, List.copyOf(from))
                .with(ProblemMember.ALLOWED_TRANSITIONS, allowed);
    }
}

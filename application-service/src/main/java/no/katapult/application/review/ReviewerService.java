package no.katapult.application.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.application.Application;
import no.katapult.application.ApplicationAccess;
import no.katapult.application.ApplicationEvents;
import no.katapult.application.ApplicationStatus;
import no.katapult.application.Transition;
import no.katapult.application.history.History;
import no.katapult.application.history.HistoryAction;
import no.katapult.application.reviewer.ReviewerDirectory;
import no.katapult.application.reviewer.ReviewerOrganisations;
import no.katapult.application.reviewer.Tie;
import no.katapult.common.events.Outbox;
import no.katapult.common.http.ETags;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.security.Caller;
import no.katapult.common.time.Clocks;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Reviewer assignment by siva-admin, with the conflict-of-interest check. */
@ApplicationScoped
public class ReviewerService {

    static final String REVIEWERS_ASSIGNED = "no.katapult.application.reviewers-assigned";

    @Inject
    Clock clock;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ApplicationAccess access;

    @Inject
    ReviewerOrganisations organisations;

    @Inject
    ReviewerDirectory directory;

    @Inject
    History history;

    @Transactional
    public ReviewersView assign(UUID applicationId, ReviewersRequest body, String ifMatch) {
        Application a = access.requireFullLocked(applicationId);
        ETags.check(ifMatch, a.version, false);
        Transition.ASSIGN_REVIEWERS.requireFrom(a.status);

        List<String> wanted = normalise(body);
        Map<String, String> given = body.reviewerOrganisations() == null ? Map.of() : body.reviewerOrganisations();
        String admin = caller.username();
        given.forEach((reviewer, orgNo) -> organisations.recordFromAssignment(reviewer.trim(), orgNo, admin));

        Map<String, ReviewerDirectory.Known> known = directory.of(wanted);
        List<String> unknown = new ArrayList<>();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            String reviewer = wanted.get(i);
            if (!known.get(reviewer).isKnown()) {
                unknown.add(reviewer);
                errors.add(new Problem.FieldError("reviewers[" + i + "]", "is neither in the reviewer pool nor known "
                        + "from a token: add them with PUT /api/v1/reviewers/" + reviewer));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "reviewer-organisation-unknown", "Reviewer unknown",
                    "The conflict-of-interest check knows nothing of " + String.join(", ", unknown) + ": siva-admin "
                            + "adds a reviewer to the pool with PUT /api/v1/reviewers/{username} (e.g. PUT "
                            + "/api/v1/reviewers/" + unknown.get(0) + " with {\"name\", \"email\", \"organisations\": "
                            + "[orgNo]}), then assigns them. (Deprecated: their org_no in reviewerOrganisations also "
                            + "still works.)", errors)
                    .with(ProblemMember.REVIEWERS, unknown);
        }
        Map<String, List<Tie>> ties = new LinkedHashMap<>();
        known.forEach((reviewer, k) -> ties.put(reviewer, k.ties()));
        ConflictOfInterest.refuse(ConflictOfInterest.find(a, ties));

        List<ReviewAssignment> current = ReviewAssignment.list("applicationId", a.id);
        Set<String> removed = new LinkedHashSet<>();
        current.forEach(r -> removed.add(r.reviewer));
        removed.removeAll(wanted);
        if (!removed.isEmpty()) {
            List<String> reviewed = Review.<Review>list("applicationId = ?1 and reviewer in ?2", a.id, List.copyOf(removed))
                    .stream().map(r -> r.reviewer).toList();
            if (!reviewed.isEmpty()) {
                throw ProblemException.conflict("reviewer-has-reviewed",
                                "Cannot unassign " + String.join(", ", reviewed)
                                        + ": they have already reviewed this application")
                        .with(ProblemMember.REVIEWERS, reviewed);
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Set<String> added = new LinkedHashSet<>(wanted);
        current.forEach(r -> added.remove(r.reviewer));
        if (!removed.isEmpty()) {
            ReviewAssignment.delete("applicationId = ?1 and reviewer in ?2", a.id, List.copyOf(removed));
        }
        for (String reviewer : added) {
            ReviewAssignment r = new ReviewAssignment();
            r.applicationId = a.id;
            r.reviewer = reviewer;
            r.assignedAt = now;
            r.assignedBy = admin;
            r.persist();
        }
        // Reviewer names stay out of the history: applicants can read it, and reviews are blind.
        if (a.status == ApplicationStatus.SUBMITTED) {
            ApplicationStatus from = a.move(Transition.ASSIGN_REVIEWERS, ApplicationStatus.UNDER_REVIEW, now);
            history.record(a.id, admin, HistoryAction.ASSIGN_REVIEWERS, from, a.status,
                    wanted.size() + (wanted.size() == 1 ? " reviewer" : " reviewers") + " assigned");
        } else if (!added.isEmpty() || !removed.isEmpty()) {
            a.updatedAt = now;
            history.record(a.id, admin, HistoryAction.CHANGE_REVIEWERS, a.status, a.status,
                    added.size() + " added, " + removed.size() + " removed; " + wanted.size() + " assigned");
        }
        em.flush();
        // Only reviewers new to the application: those already assigned were told before, removals tell no one.
        if (!added.isEmpty()) {
            List<AssignedReviewerView> told = directory.contacts(added).values().stream()
                    .map(AssignedReviewerView::of).toList();
            outbox.publish(REVIEWERS_ASSIGNED, ApplicationEvents.subject(a.id), new ReviewersAssignedView(a.id,
                    a.reference, a.title, told, Clocks.inOslo(now)), null, null);
        }
        return view(a);
    }

    @Transactional
    public ReviewersView get(UUID applicationId) {
        return view(access.requireFull(applicationId));
    }

    private ReviewersView view(Application a) {
        List<ReviewAssignment> assignments = ReviewAssignment.list("applicationId = ?1 order by reviewer", a.id);
        List<String> names = assignments.stream().map(r -> r.reviewer).toList();
        Map<String, ReviewerDirectory.Known> known = directory.of(names);
        Set<String> reviewed = new LinkedHashSet<>(Review.<Review>list("applicationId", a.id).stream()
                .map(r -> r.reviewer).toList());
        return new ReviewersView(a.id, a.status, names, assignments.stream()
                .map(r -> AssignmentView.of(r, known.get(r.reviewer), reviewed.contains(r.reviewer)))
                .toList(), a.version);
    }

    private static List<String> normalise(ReviewersRequest body) {
        FieldErrors errors = new FieldErrors();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < body.reviewers().size(); i++) {
            String name = body.reviewers().get(i).trim();
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                errors.add("reviewers[" + i + "]", "duplicates reviewers[" + first + "]");
            }
        }
        if (body.reviewerOrganisations() != null) {
            for (String reviewer : body.reviewerOrganisations().keySet()) {
                if (!seen.containsKey(reviewer.trim())) {
                    errors.add("reviewerOrganisations." + reviewer, "is not in reviewers");
                }
            }
        }
        errors.throwIfAny();
        return List.copyOf(seen.keySet());
    }
}

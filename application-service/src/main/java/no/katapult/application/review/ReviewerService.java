package no.katapult.application.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.application.application.Application;
import no.katapult.application.application.ApplicationAccess;
import no.katapult.application.application.ApplicationStatus;
import no.katapult.application.application.Partner;
import no.katapult.application.application.Transition;
import no.katapult.application.history.History;
import no.katapult.application.history.HistoryAction;
import no.katapult.application.review.ReviewDtos.AssignmentView;
import no.katapult.application.review.ReviewDtos.ReviewersRequest;
import no.katapult.application.review.ReviewDtos.ReviewersView;
import no.katapult.application.security.Caller;
import no.katapult.common.http.ETags;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;

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

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ApplicationAccess access;

    @Inject
    ReviewerOrganisations organisations;

    @Inject
    History history;

    /** A reviewer whose organisation is a party to the application. */
    public record ConflictOfInterest(String reviewer, String orgNo, String party) {
        String describe() {
            return reviewer + " belongs to " + orgNo + ", the " + party + " of this application";
        }
    }

    @Transactional
    public ReviewersView assign(UUID applicationId, ReviewersRequest body, String ifMatch) {
        Application a = access.requireFullLocked(applicationId);
        ETags.check(ifMatch, a.version, false);
        Transition.ASSIGN_REVIEWERS.requireFrom(a.status);

        List<String> wanted = normalise(body);
        Map<String, String> given = body.reviewerOrganisations() == null ? Map.of() : body.reviewerOrganisations();
        String admin = caller.username();
        given.forEach((reviewer, orgNo) -> organisations.recordFromAssignment(reviewer.trim(), orgNo, admin));

        Map<String, Set<String>> known = organisations.of(wanted);
        List<Problem.FieldError> unknown = new ArrayList<>();
        known.forEach((reviewer, orgs) -> {
            if (orgs.isEmpty()) {
                unknown.add(new Problem.FieldError("reviewerOrganisations." + reviewer,
                        "the organisation of " + reviewer + " is not known yet: give its org_no here"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "reviewer-organisation-unknown", "Reviewer organisation unknown",
                    "The conflict-of-interest check needs the org_no of " + String.join(", ",
                            unknown.stream().map(e -> e.field().substring("reviewerOrganisations.".length())).toList())
                            + ": give it in reviewerOrganisations, e.g. {\"reviewerOrganisations\": {\"reviewer-2\": \"930000043\"}}",
                    unknown.stream().sorted((x, y) -> x.field().compareTo(y.field())).toList());
        }
        List<ConflictOfInterest> conflicts = conflicts(a, known);
        if (!conflicts.isEmpty()) {
            throw conflictProblem(conflicts);
        }

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
                        .with("reviewers", reviewed);
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
        return view(a);
    }

    @Transactional
    public ReviewersView get(UUID applicationId) {
        return view(access.requireFull(applicationId));
    }

    /** Reviewers among {@code known} whose organisation is the lead or a partner of {@code a}. */
    public static List<ConflictOfInterest> conflicts(Application a, Map<String, Set<String>> known) {
        List<ConflictOfInterest> conflicts = new ArrayList<>();
        known.forEach((reviewer, orgs) -> {
            for (String org : orgs) {
                if (org.equals(a.leadOrgNo)) {
                    conflicts.add(new ConflictOfInterest(reviewer, org, "lead applicant"));
                }
                for (Partner p : a.partners) {
                    if (org.equals(p.orgNo)) {
                        conflicts.add(new ConflictOfInterest(reviewer, org, "consortium partner " + p.name));
                    }
                }
            }
        });
        return conflicts;
    }

    public static ProblemException conflictProblem(List<ConflictOfInterest> conflicts) {
        return new ProblemException(409, "conflict-of-interest", "Conflict of interest",
                "Conflict of interest: " + String.join("; ", conflicts.stream().map(ConflictOfInterest::describe).toList()))
                .with("conflicts", conflicts);
    }

    private ReviewersView view(Application a) {
        List<ReviewAssignment> assignments = ReviewAssignment.list("applicationId = ?1 order by reviewer", a.id);
        List<String> names = assignments.stream().map(r -> r.reviewer).toList();
        Map<String, Set<String>> orgs = organisations.of(names);
        Set<String> reviewed = new LinkedHashSet<>(Review.<Review>list("applicationId", a.id).stream()
                .map(r -> r.reviewer).toList());
        return new ReviewersView(a.id, a.status, names, assignments.stream()
                .map(r -> new AssignmentView(r.reviewer, orgs.get(r.reviewer), r.assignedAt, r.assignedBy,
                        reviewed.contains(r.reviewer)))
                .toList(), a.version);
    }

    private static List<String> normalise(ReviewersRequest body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < body.reviewers().size(); i++) {
            String name = body.reviewers().get(i).trim();
            Integer first = seen.putIfAbsent(name, i);
            if (first != null) {
                errors.add(new Problem.FieldError("reviewers[" + i + "]", "duplicates reviewers[" + first + "]"));
            }
        }
        if (body.reviewerOrganisations() != null) {
            for (String reviewer : body.reviewerOrganisations().keySet()) {
                if (!seen.containsKey(reviewer.trim())) {
                    errors.add(new Problem.FieldError("reviewerOrganisations." + reviewer, "is not in reviewers"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors.size() == 1 ? "1 field is invalid"
                    : errors.size() + " fields are invalid", errors);
        }
        return List.copyOf(seen.keySet());
    }
}

package no.katapult.application.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.application.Application;
import no.katapult.application.ApplicationAccess;
import no.katapult.application.ApplicationStatus;
import no.katapult.application.LeadApplicantView;
import no.katapult.application.Transition;
import no.katapult.application.call.CallCriterion;
import no.katapult.application.call.CallService;
import no.katapult.application.call.FundingCall;
import no.katapult.application.reviewer.ReviewerDirectory;
import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reviews by assigned reviewers, and the assessment and ranking siva-admin reads from them. */
@ApplicationScoped
public class ReviewService {

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ApplicationAccess access;

    @Inject
    CallService calls;

    @Inject
    ReviewerDirectory directory;

    @Transactional
    public ReviewView saveMine(UUID applicationId, ReviewRequest body) {
        String me = caller.username();
        // A shared lock: reviews may be written side by side, but not while a decision is being taken.
        Application a = em.find(Application.class, applicationId, LockModeType.PESSIMISTIC_READ);
        if (a == null || !access.isAssigned(applicationId, me)) {
            throw ApplicationAccess.notFound(applicationId);
        }
        Transition.REVIEW.requireFrom(a.status);
        // Ties recorded since the assignment (a new employer in the token, a declaration) count too.
        ConflictOfInterest.refuse(ConflictOfInterest.find(a, Map.of(me, directory.of(List.of(me)).get(me).ties())));
        FundingCall call = calls.get(a.callId);
        Map<String, Integer> scores = ScoreSheet.read(call.criteria, body.scores());

        Review review = Review.<Review>find("applicationId = ?1 and reviewer = ?2", a.id, me).firstResult();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (review == null) {
            review = new Review();
            review.id = UUID.randomUUID();
            review.applicationId = a.id;
            review.reviewer = me;
            review.createdAt = now;
        }
        review.scores.clear();
        review.scores.putAll(scores);
        review.comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().trim();
        review.recommendation = body.recommendation();
        review.updatedAt = now;
        review.persist();
        em.flush();
        return ReviewView.of(review, call.criteria);
    }

    @Transactional
    public ReviewView mine(UUID applicationId) {
        String me = caller.username();
        if (!access.isAssigned(applicationId, me)) {
            throw ApplicationAccess.notFound(applicationId);
        }
        Review review = Review.<Review>find("applicationId = ?1 and reviewer = ?2", applicationId, me).firstResult();
        if (review == null) {
            throw ProblemException.notFound("You have not reviewed application " + applicationId + " yet");
        }
        Application a = Application.findById(applicationId);
        return ReviewView.of(review, calls.get(a.callId).criteria);
    }

    /** siva-admin sees every review; a reviewer sees only their own, and only if assigned. */
    @Transactional
    public List<ReviewView> list(UUID applicationId) {
        Application a = access.requireFull(applicationId);
        List<CallCriterion> criteria = calls.get(a.callId).criteria;
        List<Review> reviews = caller.isAdmin()
                ? Review.list("applicationId = ?1 order by createdAt, reviewer", a.id)
                : Review.list("applicationId = ?1 and reviewer = ?2", a.id, caller.username());
        if (!caller.isAdmin() && !access.isAssigned(a.id, caller.username())) {
            throw ApplicationAccess.notFound(applicationId);
        }
        return reviews.stream().map(r -> ReviewView.of(r, criteria)).toList();
    }

    @Transactional
    public AssessmentView assessment(UUID applicationId) {
        Application a = access.requireFull(applicationId);
        List<CallCriterion> criteria = calls.get(a.callId).criteria;
        List<Review> reviews = Review.list("applicationId = ?1 order by createdAt, reviewer", a.id);
        Assessment s = Assessment.of(criteria, reviews);
        return new AssessmentView(a.id, a.reference, a.status, s.reviewCount(), s.criteria(), s.weightedTotal(),
                s.totalSpread(), s.disagreement(), s.recommendations(),
                reviews.stream().map(r -> new ReviewTotalView(r.reviewer, Assessment.totalOf(criteria, r), r.recommendation))
                        .toList());
    }

    /** Applications under review or decided, best weighted total first; unreviewed ones last. */
    @Transactional
    public List<RankingEntryView> ranking(UUID callId) {
        FundingCall call = calls.get(callId);
        List<Application> applications = Application.list("callId = ?1 and status in ?2", callId,
                List.of(ApplicationStatus.UNDER_REVIEW, ApplicationStatus.APPROVED, ApplicationStatus.REJECTED));
        Map<UUID, List<Review>> reviews = applications.isEmpty() ? Map.of()
                : Review.<Review>list("applicationId in ?1", applications.stream().map(x -> x.id).toList())
                .stream().collect(Collectors.groupingBy(r -> r.applicationId));
        record Scored(Application application, Assessment assessment) {
        }
        List<Scored> scored = new ArrayList<>(applications.stream()
                .map(x -> new Scored(x, Assessment.of(call.criteria, reviews.getOrDefault(x.id, List.of()))))
                .toList());
        scored.sort(Comparator.comparing((Scored s) -> s.assessment().weightedTotal(),
                        Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(s -> s.application().reference));
        List<RankingEntryView> entries = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Application x = scored.get(i).application();
            Assessment s = scored.get(i).assessment();
            entries.add(new RankingEntryView(i + 1, x.id, x.reference, x.title, LeadApplicantView.of(x),
                    x.status, s.weightedTotal(), s.reviewCount(), s.disagreement(),
                    x.requestedAmount == null ? null : Money.nok(x.requestedAmount),
                    x.grantedAmount == null ? null : Money.nok(x.grantedAmount)));
        }
        return entries;
    }
}

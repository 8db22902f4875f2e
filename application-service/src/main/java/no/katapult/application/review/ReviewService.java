package no.katapult.application.review;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.application.application.Application;
import no.katapult.application.application.ApplicationAccess;
import no.katapult.application.application.ApplicationStatus;
import no.katapult.application.application.Transition;
import no.katapult.application.call.CallService;
import no.katapult.application.call.Criterion;
import no.katapult.application.call.FundingCall;
import no.katapult.application.review.ReviewDtos.AssessmentView;
import no.katapult.application.review.ReviewDtos.RankingEntry;
import no.katapult.application.review.ReviewDtos.ReviewRequest;
import no.katapult.application.review.ReviewDtos.ReviewTotal;
import no.katapult.application.review.ReviewDtos.ReviewView;
import no.katapult.application.application.ApplicationDtos.LeadApplicantDto;
import no.katapult.application.security.Caller;
import no.katapult.common.money.Money;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static no.katapult.application.call.CallDtos.oslo;

/** Reviews by assigned reviewers, and the assessment and ranking siva-admin reads from them. */
@ApplicationScoped
public class ReviewService {

    private static final BigDecimal MIN_SCORE = BigDecimal.ONE;
    private static final BigDecimal MAX_SCORE = BigDecimal.valueOf(7);

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
    ReviewerOrganisations organisations;

    @Transactional
    public ReviewView saveMine(UUID applicationId, ReviewRequest body) {
        String me = caller.username();
        // A shared lock: reviews may be written side by side, but not while a decision is being taken.
        Application a = em.find(Application.class, applicationId, LockModeType.PESSIMISTIC_READ);
        if (a == null || !access.isAssigned(applicationId, me)) {
            throw ApplicationAccess.notFound(applicationId);
        }
        Transition.REVIEW.requireFrom(a.status);
        List<ReviewerService.ConflictOfInterest> conflicts =
                ReviewerService.conflicts(a, organisations.of(List.of(me)));
        if (!conflicts.isEmpty()) {
            throw ReviewerService.conflictProblem(conflicts);
        }
        FundingCall call = calls.get(a.callId);
        Map<String, Integer> scores = validateScores(call.criteria, body.scores());

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
        return view(review, call.criteria);
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
        return view(review, calls.get(a.callId).criteria);
    }

    /** siva-admin sees every review; a reviewer sees only their own, and only if assigned. */
    @Transactional
    public List<ReviewView> list(UUID applicationId) {
        Application a = access.requireFull(applicationId);
        List<Criterion> criteria = calls.get(a.callId).criteria;
        List<Review> reviews = caller.isAdmin()
                ? Review.list("applicationId = ?1 order by createdAt, reviewer", a.id)
                : Review.list("applicationId = ?1 and reviewer = ?2", a.id, caller.username());
        if (!caller.isAdmin() && !access.isAssigned(a.id, caller.username())) {
            throw ApplicationAccess.notFound(applicationId);
        }
        return reviews.stream().map(r -> view(r, criteria)).toList();
    }

    @Transactional
    public AssessmentView assessment(UUID applicationId) {
        Application a = access.requireFull(applicationId);
        List<Criterion> criteria = calls.get(a.callId).criteria;
        List<Review> reviews = Review.list("applicationId = ?1 order by createdAt, reviewer", a.id);
        Assessment s = Assessment.of(criteria, reviews);
        return new AssessmentView(a.id, a.reference, a.status, s.reviewCount(), s.criteria(), s.weightedTotal(),
                s.totalSpread(), s.disagreement(), s.recommendations(),
                reviews.stream().map(r -> new ReviewTotal(r.reviewer, Assessment.totalOf(criteria, r), r.recommendation))
                        .toList());
    }

    /** Applications under review or decided, best weighted total first; unreviewed ones last. */
    @Transactional
    public List<RankingEntry> ranking(UUID callId) {
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
        List<RankingEntry> entries = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Application x = scored.get(i).application();
            Assessment s = scored.get(i).assessment();
            entries.add(new RankingEntry(i + 1, x.id, x.reference, x.title, new LeadApplicantDto(x.leadOrgNo, x.leadName),
                    x.status, s.weightedTotal(), s.reviewCount(), s.disagreement(),
                    x.requestedAmount == null ? null : Money.nok(x.requestedAmount),
                    x.grantedAmount == null ? null : Money.nok(x.grantedAmount)));
        }
        return entries;
    }

    /**
     * Unknown criteria and scores that are not whole numbers 1..7 are a 400; a criterion left unscored
     * is a 422 listing each one.
     */
    private static Map<String, Integer> validateScores(List<Criterion> criteria, Map<String, BigDecimal> given) {
        Set<String> codes = criteria.stream().map(c -> c.code).collect(Collectors.toSet());
        List<Problem.FieldError> invalid = new ArrayList<>();
        Map<String, Integer> scores = new TreeMap<>();
        new TreeMap<>(given).forEach((code, value) -> {
            if (!codes.contains(code)) {
                invalid.add(new Problem.FieldError("scores." + code, "is not a criterion of this call; criteria are "
                        + criteria.stream().map(c -> c.code).toList()));
            } else if (value.compareTo(MIN_SCORE) < 0 || value.compareTo(MAX_SCORE) > 0
                    || value.stripTrailingZeros().scale() > 0) {
                invalid.add(new Problem.FieldError("scores." + code, "must be a whole number from 1 to 7"));
            } else {
                scores.put(code, value.intValueExact());
            }
        });
        if (!invalid.isEmpty()) {
            throw ProblemException.badRequest(invalid.size() == 1 ? "1 score is invalid"
                    : invalid.size() + " scores are invalid", invalid);
        }
        List<Problem.FieldError> missing = new ArrayList<>();
        for (Criterion c : criteria) {
            if (!scores.containsKey(c.code)) {
                missing.add(new Problem.FieldError("scores." + c.code, "must be scored (1..7): " + c.name));
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "incomplete-review", "Review incomplete",
                    "Every criterion of the call must be scored; missing: "
                            + String.join(", ", missing.stream().map(e -> e.field().substring(7)).toList()), missing);
        }
        return scores;
    }

    private static ReviewView view(Review r, List<Criterion> criteria) {
        return new ReviewView(r.applicationId, r.reviewer, new TreeMap<>(r.scores), r.comment, r.recommendation,
                Assessment.totalOf(criteria, r), r.version, oslo(r.createdAt), oslo(r.updatedAt));
    }
}

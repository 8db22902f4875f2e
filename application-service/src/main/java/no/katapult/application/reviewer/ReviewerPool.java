package no.katapult.application.reviewer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.persistence.SqlFilter;
import no.katapult.common.persistence.PersistenceErrors;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The reviewer pool (siva-admin) and the conflicts reviewers declare themselves. */
@ApplicationScoped
public class ReviewerPool {

    /** The path segment that names the caller in /api/v1/reviewers/me/...: no reviewer can be called that. */
    static final String ME = "me";

    // Usernames as the realm has them: letters, digits and . _ @ + -, as in an e-mail address.
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@+-]{1,200}");

    @Inject
    Clock clock;

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    /** What PUT answers: the record, and whether it was created (201) or replaced (200). */
    public record Written(ReviewerView view, boolean created) {
    }

    @Transactional
    public Written put(String username, String ifMatch, ReviewerRequest in) {
        requireUsername(username);
        FieldErrors errors = new FieldErrors();
        in.checkDistinct(errors);
        errors.throwIfAny();
        // Create-or-replace of one username runs one at a time (a row lock cannot cover a row that does not
        // exist yet), so concurrent first writes give one 201 and then 200s, never a duplicate key.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "reviewer:" + username).getSingleResult();
        OffsetDateTime now = OffsetDateTime.now(clock);
        Reviewer r = Reviewer.findById(username);
        boolean created = r == null;
        if (created) {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw ProblemException.preconditionFailed("Reviewer " + username + " is not in the pool yet");
            }
            r = Reviewer.create(username);
            r.apply(in, caller.username(), now);
            r.persist();
        } else {
            ETags.check(ifMatch, r.version, false);
            r.apply(in, caller.username(), now);
        }
        PersistenceErrors.flush(em, "conflict", "Reviewer " + username + " was added concurrently; retry");
        return new Written(ReviewerView.of(r, declaredBy(username)), created);
    }

    @Transactional
    public ReviewerView get(String username) {
        return ReviewerView.of(require(username), declaredBy(username));
    }

    /** Removes the pool record; assignments stay, and so does what the reviewer declared themselves. */
    @Transactional
    public void delete(String username, String ifMatch) {
        Reviewer r = Reviewer.findById(username, LockModeType.PESSIMISTIC_WRITE);
        if (r == null) {
            throw notInPool(username);
        }
        ETags.check(ifMatch, r.version, false);
        r.delete();
    }

    @Transactional
    public PageResponse<ReviewerView> list(String q, String orgNo, PageRequest page) {
        return new SqlFilter("reviewer r")
                .contains("(r.username ILIKE :q ESCAPE '\\' OR r.name ILIKE :q ESCAPE '\\' OR r.email ILIKE :q ESCAPE '\\' "
                        + "OR array_to_string(r.expertise, ' ') ILIKE :q ESCAPE '\\')", "q", q)
                .and("(CAST(:org AS varchar) = ANY (r.organisations) OR CAST(:org AS varchar) = ANY (r.conflicts))",
                        "org", orgNo)
                .page(em, "r.*", Reviewer.class, "r.username", page, reviewers -> {
                    List<String> usernames = reviewers.stream().map(r -> r.username).toList();
                    Map<String, List<String>> declared = usernames.isEmpty() ? Map.of()
                            : DeclaredConflicts.<DeclaredConflicts>list("username in ?1", usernames).stream()
                            .collect(Collectors.toMap(d -> d.username, d -> List.copyOf(d.conflicts)));
                    return reviewers.stream()
                            .map(r -> ReviewerView.of(r, declared.getOrDefault(r.username, List.of()))).toList();
                });
    }

    /** The caller's conflicts as the assignment check sees them. */
    @Transactional
    public ConflictsView conflictsOfCaller() {
        String me = caller.username();
        return conflictsView(me, DeclaredConflicts.findById(me), Reviewer.findById(me));
    }

    /** Replaces the caller's own declaration; If-Match is honoured when sent. */
    @Transactional
    public ConflictsView declare(ConflictsRequest in, String ifMatch) {
        FieldErrors errors = new FieldErrors();
        ReviewerRequest.distinct("conflicts", in.conflicts(), errors);
        errors.throwIfAny();
        String me = caller.username();
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "reviewer-declaration:" + me).getSingleResult();
        DeclaredConflicts d = DeclaredConflicts.findById(me);
        boolean shownChanged;
        if (d == null) {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw ProblemException.preconditionFailed("You have declared no conflicts yet");
            }
            d = DeclaredConflicts.create(me);
            d.replace(in.conflicts(), OffsetDateTime.now(clock));
            d.persist();
            shownChanged = !in.conflicts().isEmpty();
        } else {
            ETags.check(ifMatch, d.version, false);
            shownChanged = d.replace(in.conflicts(), OffsetDateTime.now(clock));
        }
        if (shownChanged) {
            // The pool record shows the declaration, so its ETag must change with it.
            Optional.ofNullable(Reviewer.<Reviewer>findById(me))
                    .ifPresent(r -> em.lock(r, LockModeType.OPTIMISTIC_FORCE_INCREMENT));
        }
        PersistenceErrors.flush(em, "conflict", "Your declaration was written concurrently; retry");
        return conflictsView(me, d, Reviewer.findById(me));
    }

    private static ConflictsView conflictsView(String username, DeclaredConflicts d, Reviewer r) {
        return new ConflictsView(username, d == null ? List.of() : List.copyOf(d.conflicts),
                r == null ? List.of() : List.copyOf(r.conflicts), r == null ? List.of() : List.copyOf(r.organisations),
                r != null, d == null ? null : d.version);
    }

    private Reviewer require(String username) {
        Reviewer r = Reviewer.findById(username);
        if (r == null) {
            throw notInPool(username);
        }
        return r;
    }

    private static List<String> declaredBy(String username) {
        DeclaredConflicts d = DeclaredConflicts.findById(username);
        return d == null ? List.of() : List.copyOf(d.conflicts);
    }

    private static ProblemException notInPool(String username) {
        return ProblemException.notFound("No reviewer " + username + " in the pool");
    }

    /** 400 unless {@code username} can name a reviewer of the realm. */
    static void requireUsername(String username) {
        if (ME.equals(username)) {
            throw ProblemException.badRequest("username",
                    "'me' is reserved: /api/v1/reviewers/me/... names the calling reviewer");
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ProblemException.badRequest("username",
                    "must be 1 to 200 letters, digits or . _ @ + - (the reviewer's username in the realm)");
        }
    }
}

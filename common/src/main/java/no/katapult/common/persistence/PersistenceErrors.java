package no.katapult.common.persistence;

import jakarta.persistence.EntityManager;
import no.katapult.common.problem.ProblemException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * The one translation of database refusals into problems, for every service. A refusal that carries
 * meaning for the client becomes a 4xx; anything else stays an unexpected error (500 without internals).
 *
 * <ul>
 * <li>A lost update (optimistic lock, serialization failure, deadlock victim, lock timeout) is
 * <b>409 concurrent-update</b>: the data changed under the request; read it again and retry. 412 is
 * kept for an If-Match that does not match when it is checked, as the API guide says.</li>
 * <li>A unique violation is 409 (a duplicate); an exclusion violation 409 (an overlap).</li>
 * <li>A foreign-key or check violation is 422: the request is well-formed but breaks a stored rule.</li>
 * <li>A value PostgreSQL cannot store or compare (a NUL byte, too long, out of range) is 400
 * <b>unstorable-value</b>; common's JSON reader and QueryParams refuse most such values earlier, naming the
 * field.</li>
 * </ul>
 * Connection-level failures are not translated here: the problem mappers answer them with 503.
 */
public final class PersistenceErrors {

    // Class names, not types: common is also used by the gateway, which has no JPA or Hibernate.
    private static final Set<String> LOST_UPDATE_TYPES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleStateException",
            "org.hibernate.StaleObjectStateException",
            "org.hibernate.dialect.lock.OptimisticEntityLockException");

    public static final String UNIQUE_VIOLATION = "23505";
    public static final String EXCLUSION_VIOLATION = "23P01";
    public static final String DEADLOCK = "40P01";
    public static final String SERIALIZATION_FAILURE = "40001";

    private PersistenceErrors() {
    }

    /** Flushes pending changes, translating a refusal; a unique violation gets the caller's slug and detail. */
    public static void flush(EntityManager em, String duplicateSlug, String duplicateDetail) {
        try {
            em.flush();
        } catch (RuntimeException e) {
            if (UNIQUE_VIOLATION.equals(sqlState(e))) {
                throw ProblemException.conflict(duplicateSlug, duplicateDetail);
            }
            throw translate(e).map(RuntimeException.class::cast).orElse(e);
        }
    }

    /** The problem for a database refusal anywhere in {@code e}'s causes, or empty when it has no client meaning. */
    public static Optional<ProblemException> translate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (LOST_UPDATE_TYPES.contains(t.getClass().getName())) {
                return Optional.of(concurrentUpdate());
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                Optional<ProblemException> p = forState(sql.getSQLState());
                if (p.isPresent()) {
                    return p;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /** The SQLSTATE of the first SQLException among {@code e}'s causes, or null. */
    public static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** A concurrency failure that a plain retry of the same transaction may resolve. */
    public static boolean isRetryable(Throwable e) {
        String state = sqlState(e);
        return DEADLOCK.equals(state) || SERIALIZATION_FAILURE.equals(state);
    }

    public static ProblemException concurrentUpdate() {
        return ProblemException.conflict("concurrent-update",
                "Another request changed the same data at the same moment; read it again and retry");
    }

    private static Optional<ProblemException> forState(String state) {
        return Optional.ofNullable(switch (state) {
            case SERIALIZATION_FAILURE, DEADLOCK, "55P03" -> concurrentUpdate();
            case UNIQUE_VIOLATION -> ProblemException.conflict("duplicate", "This conflicts with an existing resource");
            case EXCLUSION_VIOLATION -> ProblemException.conflict("conflict",
                    "This overlaps an existing resource for the same period");
            case "23503" -> ProblemException.unprocessable("reference-not-found",
                    "A referenced resource does not exist (any more)");
            case "23514" -> ProblemException.unprocessable("rule-violated",
                    "The change breaks a rule of the stored data");
            // Input PostgreSQL cannot store or compare: NUL bytes, invalid text, values out of range. Not
            // "validation": the database does not say which field, and a validation problem names each one.
            case "22021", "22P05", "22001", "22003", "22007", "22008", "22P02", "54000" ->
                    new ProblemException(400, "unstorable-value", "Bad request",
                            "A value in the request cannot be stored: it is too long, out of range or contains "
                                    + "characters that are not allowed");
            default -> null;
        });
    }
}

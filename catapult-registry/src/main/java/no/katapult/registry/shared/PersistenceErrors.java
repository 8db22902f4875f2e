package no.katapult.registry.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import no.katapult.common.problem.ProblemException;
import org.hibernate.StaleStateException;

import java.sql.SQLException;

/**
 * Flushes inside the service's transaction and turns database refusals that carry meaning into
 * problems: a unique violation is a 409, a lost optimistic-lock race a 412. Anything else stays an
 * unexpected error.
 */
public final class PersistenceErrors {
    private PersistenceErrors() {
    }

    public static void flush(EntityManager em, String duplicateSlug, String duplicateDetail) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            throw translate(e, duplicateSlug, duplicateDetail);
        }
    }

    public static RuntimeException translate(PersistenceException e, String duplicateSlug, String duplicateDetail) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return ProblemException.preconditionFailed(
                        "The resource was changed by someone else meanwhile: read it again and retry");
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "23505":
                        return ProblemException.conflict(duplicateSlug, duplicateDetail);
                    case "40001", "40P01":
                        return ProblemException.conflict("concurrent-modification",
                                "A concurrent change got in the way; retry the request");
                    case "23503":
                        return ProblemException.unprocessable("reference-not-found",
                                "A referenced resource does not exist (any more)");
                    default:
                        break;
                }
            }
        }
        return e;
    }
}

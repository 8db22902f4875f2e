package no.katapult.application.persistence;

import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMappers;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;

/**
 * Turns database errors that carry meaning into problems: a lost optimistic race or a serialisation
 * failure is a 409 the client may retry, a unique or exclusion violation is a 409 duplicate, a check
 * violation is a 422. Anything else stays a 500 without internals.
 */
public class PersistenceProblems {

    private static final Logger LOG = Logger.getLogger(PersistenceProblems.class);

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return problems.problem(concurrentUpdate(), uri);
    }

    @ServerExceptionMapper
    public Response staleState(StaleStateException e, UriInfo uri) {
        return problems.problem(concurrentUpdate(), uri);
    }

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        ProblemException mapped = map(e);
        if (mapped == null) {
            return problems.unexpected(e, uri);
        }
        LOG.debugf("Database refused a change: %s", e.getMessage());
        return problems.problem(mapped, uri);
    }

    /** The problem for a database error, or null when it has no meaning for the client. */
    public static ProblemException map(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return concurrentUpdate();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "23505", "23P01":
                        return ProblemException.conflict("duplicate",
                                "This conflicts with an existing resource");
                    case "23514":
                        return ProblemException.unprocessable("rule-violated",
                                "The change breaks a rule of the stored data");
                    case "40001", "40P01", "55P03":
                        return ProblemException.conflict("concurrent-update",
                                "Another request changed the same data at the same time; retry");
                    default:
                        break;
                }
            }
        }
        return null;
    }

    private static ProblemException concurrentUpdate() {
        return ProblemException.conflict("concurrent-update",
                "The resource was changed by another request; read it again and retry");
    }
}

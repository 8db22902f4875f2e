package no.katapult.registry.shared;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemWriter;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database refusals that escape a service outside its explicit flush (a deadlock victim, a
 * constraint met by a query) get the same meaning as at the flush, instead of a 500.
 */
public class PersistenceErrorMapper {

    private static final Logger LOG = Logger.getLogger(PersistenceErrorMapper.class);

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        String path = uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
        RuntimeException translated = PersistenceErrors.translate(e, "duplicate", "The resource already exists");
        if (translated instanceof ProblemException problem) {
            Response.ResponseBuilder builder = ProblemWriter.response(ProblemWriter.complete(problem.toProblem(), path));
            problem.headers().forEach(builder::header);
            return builder.build();
        }
        LOG.errorf(e, "Unexpected database error on %s", path);
        return ProblemWriter.response(ProblemWriter.complete(new Problem(null, null, 500,
                "An unexpected error occurred. Quote the request id when reporting it."), path)).build();
    }
}

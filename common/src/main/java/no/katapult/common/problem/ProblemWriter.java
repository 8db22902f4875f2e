package no.katapult.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import no.katapult.common.requestid.RequestIds;
import no.katapult.common.tracing.TraceIds;

/** Turns a {@link Problem} into a JAX-RS response or writes it straight to a Vert.x response. */
@ApplicationScoped
public class ProblemWriter {

    @Inject
    ObjectMapper mapper;

    /** Fills in requestId, traceId and instance, which every problem must carry. */
    public static Problem complete(Problem problem, String path) {
        if (problem.requestId == null) {
            problem.requestId = RequestIds.current();
        }
        if (problem.traceId == null) {
            problem.traceId = TraceIds.current();
        }
        if (problem.instance == null) {
            problem.instance = path;
        }
        if (problem.title == null) {
            problem.title = ProblemTypes.titleFor(problem.status);
        }
        if (problem.type == null) {
            problem.type = ProblemTypes.of(ProblemTypes.slugFor(problem.status));
        }
        return problem;
    }

    public static Response.ResponseBuilder response(Problem problem) {
        // RequestIdFilter already put X-Request-Id on the response; adding it here would repeat it.
        return Response.status(problem.status)
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
    }

    public void write(RoutingContext ctx, Problem problem) {
        Object id = ctx.get(RequestIds.MDC_KEY);
        if (id == null) {
            // A failure before RequestIdFilter ran (the router could not match the URI): the id starts here.
            id = RequestIds.acceptOrGenerate(ctx.request().getHeader(RequestIds.HEADER));
            ctx.put(RequestIds.MDC_KEY, id);
            if (!ctx.response().headWritten()) {
                ctx.response().putHeader(RequestIds.HEADER, id.toString());
            }
        }
        if (problem.requestId == null) {
            problem.requestId = id.toString();
        }
        complete(problem, ctx.request().path());
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status + "}";
        }
        ctx.response()
                .setStatusCode(problem.status)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(body);
    }
}

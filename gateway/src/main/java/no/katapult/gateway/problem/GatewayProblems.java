package no.katapult.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.problem.ProblemTypes;
import no.katapult.common.problem.ProblemWriter;
import no.katapult.common.requestid.RequestIds;

/** Problems the gateway itself answers, as bytes for a proxy response or written straight to a request. */
// A singleton, not application-scoped: it sits on the request path, where a client proxy costs a lookup per call.
@Singleton
public class GatewayProblems {

    /** After a 413 the client may still be uploading: read and drop its body for this long, then hang up. */
    private static final long DRAIN_MILLIS = 5_000;

    @Inject
    ObjectMapper mapper;

    @Inject
    ProblemWriter writer;

    @Inject
    Vertx vertx;

    public static Problem problem(int status, String slug, String detail) {
        return new Problem(ProblemTypes.of(slug), ProblemTypes.titleFor(status), status, detail);
    }

    /** The JSON body of {@code problem} for a request that has not reached a RoutingContext-aware writer. */
    public byte[] body(Problem problem, HttpServerRequest request) {
        problem.requestId = request.getHeader(RequestIds.HEADER);
        ProblemWriter.complete(problem, request.path());
        try {
            return mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            return ("{\"status\":" + problem.status + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public void write(RoutingContext ctx, Problem problem) {
        writer.write(ctx, problem);
    }

    /** 429 for a spent rate limit; the RateLimit-* and Retry-After headers are already on the response. */
    public void tooManyRequests(RoutingContext ctx, long retryAfterSeconds, String service) {
        if (!ctx.request().isEnded()) {
            ctx.request().resume(); // drop the unread body so the connection stays usable
        }
        Problem problem = problem(429, "too-many-requests",
                "Rate limit exceeded; retry after " + retryAfterSeconds + " s");
        write(ctx, service == null ? problem : problem.with(ProblemMember.SERVICE, service));
    }

    /**
     * Answers 413 and closes the connection once the client has finished sending (or after a grace period):
     * a client that is still writing its body would otherwise see a reset instead of the answer.
     */
    public void tooLarge(RoutingContext ctx, long limit) {
        ctx.response().putHeader("Connection", "close");
        closeAfterDrain(ctx.request());
        write(ctx, tooLargeProblem(limit));
    }

    public static Problem tooLargeProblem(long limit) {
        return problem(413, "payload-too-large", "The request body is larger than the gateway accepts ("
                + limit + " bytes)").with(ProblemMember.LIMIT, limit);
    }

    public void closeAfterDrain(HttpServerRequest request) {
        if (request.isEnded()) {
            request.response().endHandler(v -> request.connection().close());
            return;
        }
        long timer = vertx.setTimer(DRAIN_MILLIS, id -> request.connection().close());
        request.handler(buffer -> {
        });
        request.endHandler(v -> {
            vertx.cancelTimer(timer);
            if (request.response().ended()) {
                request.connection().close();
            } else {
                request.response().endHandler(x -> request.connection().close());
            }
        });
        request.resume();
    }
}

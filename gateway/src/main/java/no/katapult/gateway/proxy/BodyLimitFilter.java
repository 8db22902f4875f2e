package no.katapult.gateway.proxy;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.problem.GatewayProblems;

/**
 * Rejects a declared body over the limit before anything else reads it. Runs ahead of Quarkus's own upload
 * limit (which answers a bare 413) and after the request id filter, so the problem carries the id.
 * Chunked bodies are counted while they stream (see {@link LimitedReadStream}). The limit is the request's
 * ({@link BodyLimits}): 1 MiB, or more for the few operations configured with their own.
 */
@ApplicationScoped
public class BodyLimitFilter {

    // Below common's RequestIdFilter (10 000), above CORS (300) and authentication (200).
    static final int PRIORITY = 5_000;

    @Inject
    BodyLimits limits;

    @Inject
    GatewayProblems problems;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null) {
                long limit = limits.limitFor(ctx.request());
                if (exceeds(length, limit)) {
                    problems.tooLarge(ctx, limit);
                    return;
                }
            }
            ctx.next();
        }, PRIORITY);
    }

    private static boolean exceeds(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects malformed lengths itself
        }
    }
}

package no.katapult.gateway.ratelimit;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.gateway.problem.GatewayProblems;

/**
 * The per-address limit, before authentication: a request beyond its address's budget is answered 429
 * without its token being looked at, so a flood of forged tokens costs a bucket lookup, not a signature
 * check each. The per-subject limit still applies after authentication (GatewayProxy). The request stays
 * paused (Quarkus pauses every request) while a shared bucket in Redis is asked.
 */
@ApplicationScoped
public class EdgeRateLimit {

    // Below common's RequestIdFilter (10 000), so the 429 carries the id; above the body limit (5 000),
    // CORS (300) and authentication (200).
    static final int PRIORITY = 6_000;

    @Inject
    RateLimiter limiter;

    @Inject
    GatewayProblems problems;

    void register(@Observes Filters filters) {
        filters.register(ctx -> {
            if (!ctx.normalizedPath().startsWith("/api/")) {
                ctx.next();
                return;
            }
            SocketAddress remote = ctx.request().remoteAddress();
            limiter.tryAcquireIp(remote == null ? "unknown" : remote.hostAddress()).onComplete(ar -> {
                RateLimiter.Decision decision = ar.result();
                if (decision != null && !decision.allowed()) {
                    decision.writeHeaders(ctx.response());
                    problems.tooManyRequests(ctx, decision.retryAfterSeconds(), null);
                    return;
                }
                ctx.next();
            });
        }, PRIORITY);
    }
}

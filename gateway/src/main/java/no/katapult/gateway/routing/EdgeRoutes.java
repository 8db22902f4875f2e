package no.katapult.gateway.routing;

import io.quarkus.oidc.OIDCException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemMember;
import no.katapult.gateway.problem.GatewayProblems;

/**
 * Answers at the Vert.x level what no route owns, so that the gateway's REST layer (present only through
 * common) never sees a request: its JAX-RS 404 would echo X-Request-Id a second time.
 * Also turns an unreachable identity provider into a 503 instead of common's generic 500.
 */
@ApplicationScoped
public class EdgeRoutes {

    /** After the /q sub-router and the gateway's own routes, before the REST layer's default route (10 000). */
    static final int NOT_FOUND_ORDER = 9_000;

    @Inject
    GatewayProblems problems;

    // Observed before common's HttpProblemHandlers, so this failure handler (same order) runs first.
    void register(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route().order(NOT_FOUND_ORDER).handler(ctx -> problems.write(ctx,
                new Problem(null, null, 404, "No resource at " + ctx.request().path())));
    }

    private void onFailure(RoutingContext ctx) {
        for (Throwable t = ctx.failure(); t != null; t = t.getCause()) {
            if (t instanceof OIDCException) {
                // A token came with the request, and without the realm it can be neither accepted nor refused.
                ctx.response().putHeader("Retry-After", "5");
                problems.write(ctx, GatewayProblems.problem(503, "service-unavailable",
                        "The identity provider cannot be reached to check the bearer token")
                        .with(ProblemMember.SERVICE, "identity-provider"));
                return;
            }
        }
        ctx.next();
    }
}

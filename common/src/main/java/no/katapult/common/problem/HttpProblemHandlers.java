package no.katapult.common.problem;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Problem answers for what never reaches the REST layer: proactive authentication failures,
 * paths no route matches, and failures inside other HTTP handlers.
 */
@ApplicationScoped
public class HttpProblemHandlers {

    private static final Logger LOG = Logger.getLogger(HttpProblemHandlers.class);

    @Inject
    ProblemWriter writer;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> writer.write(ctx,
                new Problem(null, null, 404, "No resource at " + ctx.request().path())));
    }

    private void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        Problem invalidUri = invalidUri(ctx.request().uri());
        if (invalidUri != null) {
            // Vert.x's router cannot even match routes for some invalid URIs ("/a/%"): it fails before
            // RequestLimits runs.
            writer.write(ctx, invalidUri);
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            writer.write(ctx, new Problem(null, null, 401,
                    "A valid bearer token is required: it is missing, expired, forged or from another issuer"));
            return;
        }
        if (failure != null && failure.getClass().getName().equals("io.quarkus.oidc.OIDCException")) {
            // The OIDC provider cannot be reached to verify the token: not the caller's fault.
            ctx.response().putHeader("Retry-After", "5");
            writer.write(ctx, new Problem(ProblemTypes.of("identity-provider-unavailable"), "Service unavailable", 503,
                    "The identity provider cannot be reached to verify the token; retry shortly"));
            return;
        }
        if (failure instanceof ForbiddenException) {
            writer.write(ctx, new Problem(null, null, 403,
                    "The token is valid but lacks the role this operation needs"));
            return;
        }
        int status = ctx.statusCode();
        if (status == 413 || (failure != null && failure.getClass().getSimpleName().contains("TooLarge"))) {
            // e.g. a chunked body past the limit (RequestLimits reads those with Vert.x's BodyHandler)
            ctx.response().putHeader("Connection", "close");
            writer.write(ctx, new Problem(null, null, 413, "The request body is larger than this service accepts"));
            return;
        }
        if (failure == null && status >= 400 && status < 500) {
            writer.write(ctx, new Problem(null, null, status, ProblemTypes.titleFor(status)));
            return;
        }
        LOG.errorf(failure, "Unhandled failure on %s", ctx.request().path());
        writer.write(ctx, new Problem(null, null, 500,
                "An unexpected error occurred. Quote the request id when reporting it."));
    }

    /**
     * The 400 problem for a request URI that Quarkus's own check ({@code new URI(uri)}, switched off by
     * KatapultMain) would refuse with a bare 400; null when the URI is valid.
     */
    public static Problem invalidUri(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            new URI(uri);
            return null;
        } catch (URISyntaxException e) {
            return new Problem(ProblemTypes.of("invalid-uri"), ProblemTypes.titleFor(400), 400,
                    "The request URI is not valid (RFC 3986): " + e.getReason()
                            + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }
}

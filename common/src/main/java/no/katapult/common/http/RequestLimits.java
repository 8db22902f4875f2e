package no.katapult.common.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.common.CatapultConfig;
import no.katapult.common.problem.HttpProblemHandlers;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.problem.ProblemWriter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/**
 * The request limits, answered as problems: a URI Quarkus would refuse with a bare 400 (400, see
 * {@link KatapultMain}), a long URI (414), large headers (431) and a large body (413).
 *
 * <p>Vert.x's own codec limits answer with a bare status and no body, and Quarkus offers no hook into that
 * answer (quarkus#55082), so the codec limits are set well above these (common's
 * META-INF/microprofile-config.properties) and this filter applies the real ones. Past the codec limits (64 KiB)
 * the connection is still closed by Vert.x without a body, and so is a header value with a control character
 * in it (RFC 9110 section 5.5: Netty refuses the message before any handler runs).
 *
 * <p>The body limit is {@code quarkus.http.limits.max-body-size}. Quarkus answers a declared Content-Length above
 * it with a bare 413, and does not apply it to a chunked body at all: RESTEasy reads the whole stream. So a
 * declared length above the limit is answered here, and a chunked body is read here with the limit (Vert.x's
 * BodyHandler; RESTEasy then takes the body it read). The gateway streams bodies and limits them itself, so it
 * sets {@code catapult.http.enforce-body-limit=false}.
 */
@ApplicationScoped
public class RequestLimits {

    // Right below the request id (10 000), so the problem carries the id; before authentication.
    static final int PRIORITY = 9_900;

    /** After a 413 the client may still be uploading: read and drop its body for this long, then hang up. */
    private static final long DRAIN_MILLIS = 5_000;

    @Inject
    CatapultConfig config;

    @Inject
    ProblemWriter writer;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void register(@Observes Filters filters) {
        int maxUriLength = config.http().maxUriLength();
        int maxHeaderBytes = config.http().maxHeaderBytes();
        boolean limitBodies = config.http().enforceBodyLimit();
        long maxBody = maxBodySize.asLongValue();
        BodyHandler chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBody).setMergeFormAttributes(false);
        filters.register(ctx -> {
            HttpServerRequest request = ctx.request();
            String uri = request.uri();
            if (uri != null && uri.length() > maxUriLength) {
                close(ctx.response());
                writer.write(ctx, new Problem(null, null, 414, "The request URI is longer than "
                        + maxUriLength + " characters").with(ProblemMember.LIMIT, maxUriLength));
                return;
            }
            Problem invalid = HttpProblemHandlers.invalidUri(uri);
            if (invalid != null) {
                writer.write(ctx, invalid);
                return;
            }
            int headerBytes = 0;
            for (Map.Entry<String, String> h : request.headers()) {
                headerBytes += h.getKey().length() + h.getValue().length() + 4;
            }
            if (headerBytes > maxHeaderBytes) {
                close(ctx.response());
                writer.write(ctx, new Problem(null, null, 431, "The request headers are larger than "
                        + maxHeaderBytes + " bytes").with(ProblemMember.LIMIT, maxHeaderBytes));
                return;
            }
            if (limitBodies) {
                String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null && exceeds(length, maxBody)) {
                    tooLarge(ctx, maxBody);
                    return;
                }
                if (length == null && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null && !request.isEnded()) {
                    // Read here with the limit; past it BodyHandler fails the request with 413, which
                    // HttpProblemHandlers answers as a problem.
                    chunkedBodies.handle(ctx);
                    return;
                }
            }
            ctx.next();
        }, PRIORITY);
    }

    /** Whether a declared Content-Length is above {@code limit}; a malformed one is for Vert.x to refuse. */
    public static boolean exceeds(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses malformed lengths itself
        }
    }

    private void tooLarge(RoutingContext ctx, long limit) {
        refuse(ctx, tooLargeProblem(limit), writer);
    }

    /**
     * Answers a request refused before its body was read (413, 411) and closes the connection. The client may still
     * be sending: what comes is dropped for a while, so that it reads the answer instead of a reset.
     */
    public static void refuse(RoutingContext ctx, Problem problem, ProblemWriter writer) {
        close(ctx.response());
        HttpServerRequest request = ctx.request();
        if (!request.isEnded()) {
            long timer = ctx.vertx().setTimer(DRAIN_MILLIS, id -> request.connection().close());
            request.handler(buffer -> {
            });
            request.endHandler(v -> ctx.vertx().cancelTimer(timer));
            request.resume();
        }
        writer.write(ctx, problem);
    }

    public static Problem tooLargeProblem(long limit) {
        return new Problem(null, null, 413, "The request body is larger than this service accepts (" + limit
                + " bytes)").with(ProblemMember.LIMIT, limit);
    }

    private static void close(HttpServerResponse response) {
        response.putHeader("Connection", "close");
    }
}

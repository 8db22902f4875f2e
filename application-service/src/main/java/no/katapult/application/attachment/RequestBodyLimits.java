package no.katapult.application.attachment;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import no.katapult.application.config.ApplicationServiceConfig;
import no.katapult.common.http.RequestLimits;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.problem.ProblemTypes;
import no.katapult.common.problem.ProblemWriter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.regex.Pattern;

/**
 * Request body limits per route. Quarkus has one body limit for the whole server, and common's RequestLimits answers
 * it as a problem; here it is set to what the attachment upload needs (a 20 MiB file plus its multipart framing),
 * and this filter, which runs just before RequestLimits, keeps every other route at 1 MiB:
 * <ul>
 *   <li>a declared Content-Length above the route's limit is a 413 problem before a byte is read;</li>
 *   <li>a chunked HTTP/1.1 body is read here with the 1 MiB limit, as RequestLimits would;</li>
 *   <li>on the upload route a body of unknown length is a 411: read with the upload limit it would be held whole
 *       in memory (Vert.x's BodyHandler), and the upload must stream.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestBodyLimits {

    /** After the request id (10 000), so problems carry it; before common's RequestLimits (9 900). */
    static final int PRIORITY = 9_950;

    /** Room for the multipart framing around the file: boundaries, part headers and the kind field. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;

    static final Pattern UPLOAD_PATH = Pattern.compile("/api/v1/applications/[^/]+/attachments/?");

    @Inject
    ApplicationServiceConfig config;

    @Inject
    ProblemWriter writer;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize serverLimit;

    void register(@Observes Filters filters) {
        long general = config.http().maxBodySize().asLongValue();
        long upload = serverLimit.asLongValue();
        long maxFile = config.attachments().maxFileSize().asLongValue();
        if (upload < maxFile + MULTIPART_OVERHEAD) {
            throw new IllegalStateException("quarkus.http.limits.max-body-size (" + upload + " bytes) must be at least "
                    + "the attachment limit plus " + MULTIPART_OVERHEAD + " bytes of multipart framing ("
                    + (maxFile + MULTIPART_OVERHEAD) + " bytes)");
        }
        BodyHandler unknownLength = BodyHandler.create(false).setBodyLimit(general).setMergeFormAttributes(false);
        filters.register(ctx -> {
            HttpServerRequest request = ctx.request();
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean chunked = length == null && !request.isEnded() && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
            if (isUpload(ctx)) {
                // HTTP/2 has no chunking: a request without Content-Length may still carry a body of any length.
                if (chunked || (length == null && !request.isEnded() && request.version() == HttpVersion.HTTP_2)) {
                    refuse(ctx, new Problem(ProblemTypes.of("length-required"), "Length required", 411,
                            "An attachment upload must declare its Content-Length (it cannot be chunked)"));
                } else if (length != null && RequestLimits.exceeds(length, upload)) {
                    refuse(ctx, new Problem(ProblemTypes.of("payload-too-large"), "Payload too large", 413,
                            "An attachment may be at most " + AttachmentService.mib(maxFile) + " (" + maxFile
                                    + " bytes); this upload declares " + length.trim() + " bytes")
                            .with(ProblemMember.LIMIT, upload).with(ProblemMember.MAX_FILE_SIZE, maxFile));
                } else {
                    ctx.next();
                }
                return;
            }
            if (length != null && RequestLimits.exceeds(length, general)) {
                refuse(ctx, RequestLimits.tooLargeProblem(general));
            } else if (chunked) {
                // Past the limit BodyHandler fails the request with 413, which common answers as a problem. Only for
                // HTTP/1.1: RESTEasy cannot take over an HTTP/2 request whose body was read ahead ("Request has already
                // been read"), so an HTTP/2 body of unknown length is bounded by the server's limit alone.
                unknownLength.handle(ctx);
            } else {
                ctx.next();
            }
        }, PRIORITY);
    }

    static boolean isUpload(RoutingContext ctx) {
        return ctx.request().method() == HttpMethod.POST && UPLOAD_PATH.matcher(ctx.normalizedPath()).matches();
    }

    private void refuse(RoutingContext ctx, Problem problem) {
        RequestLimits.refuse(ctx, problem, writer);
    }
}

package no.katapult.common.http;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;


/** Strong ETags derived from an entity version, the If-Match checks of the API guide, and answers that carry them. */
public final class ETags {
    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** 200 with the representation and its ETag. */
    public static Response ok(Object view, long version) {
        return Response.ok(view).header(HttpHeaders.ETAG, of(version)).build();
    }

    /**
     * 201 with Location, the representation and its ETag. The Location stays the path it is given (RFC 9110
     * allows a relative reference): JAX-RS would make it absolute with this service's own host, which is
     * wrong behind the gateway.
     */
    public static Response created(String location, Object view, long version) {
        return Response.status(Response.Status.CREATED).entity(view).header(HttpHeaders.LOCATION, location)
                .header(HttpHeaders.ETAG, of(version)).build();
    }

    /**
     * Checks If-Match against the current version. Missing If-Match is accepted unless
     * {@code required}, in which case it is 428. A mismatch is 412.
     */
    public static void check(String ifMatch, long currentVersion, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw ProblemException.preconditionRequired(
                        "This update requires If-Match with the ETag of the version you read");
            }
            return;
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current) || tag.equals("W/" + current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("The resource has changed: its current ETag is " + current)
                .with(ProblemMember.CURRENT_ETAG, current);
    }
}

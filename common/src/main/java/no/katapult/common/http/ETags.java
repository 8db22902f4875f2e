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

    /** What the If-None-Match header of a catalogue PUT means; the contract shows it on every such PUT. */
    public static final String CREATE_ONLY = "`*` makes this PUT a create at the id in the path (RFC 9110, 13.1.2): "
            + "201 when no such item exists yet, 412 when one does. Lets a client choose an item's id, as the demo "
            + "data does, and makes a retried create safe. No other value is accepted.";

    /**
     * True for {@code If-None-Match: *}, a PUT that may only create. Any other If-None-Match, or one sent
     * together with If-Match, is a 400: such a PUT asks for two things that cannot both hold.
     */
    public static boolean createOnly(String ifNoneMatch, String ifMatch) {
        if (ifNoneMatch == null) {
            return false;
        }
        if (!ifNoneMatch.trim().equals("*")) {
            throw ProblemException.badRequest(HttpHeaders.IF_NONE_MATCH, "only * is accepted, to create an item that does not exist yet");
        }
        if (ifMatch != null) {
            throw ProblemException.badRequest(HttpHeaders.IF_NONE_MATCH, "send either If-None-Match: * (create) or If-Match (update), not both");
        }
        return true;
    }

    /** The 412 of a create-only PUT whose item exists already. */
    public static ProblemException exists(String what) {
        return ProblemException.preconditionFailed(what + " exists already; If-None-Match: * only creates");
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

package no.katapult.common.events;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The producer's own event feed, for the suite's components only (the event hub, and services that keep a
 * copy of another's data): never routed by the gateway and not in the public contract. Partners read the
 * hub's {@code /api/v1/events} instead.
 */
@Path("/internal/v1/outbox")
@IfBuildProperty(name = "quarkus.datasource.db-kind", stringValue = "postgresql")
public class OutboxFeedResource {

    @Inject
    OutboxFeed feed;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INTERNAL)
    @Operation(hidden = true)
    public OutboxFeed.Page read(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        QueryParams p = new QueryParams();
        int from = p.integer("after", after, 0, Integer.MAX_VALUE, 0);
        int size = p.integer("limit", limit, 1, 1000, 200);
        p.done();
        return feed.after(from, size);
    }
}

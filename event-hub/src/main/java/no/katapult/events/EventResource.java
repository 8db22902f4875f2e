package no.katapult.events;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The pull side of the event stream: the same events, ids and order as the webhooks. */
@Path("/api/v1/events")
@Tag(name = "Events", description = "The programme's events as CloudEvents, read from a cursor")
public class EventResource {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 500;

    @Inject
    EventLog log;

    @Inject
    CloudEventViews views;

    @Inject
    Caller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.PARTNER, Roles.SME})
    @Operation(operationId = "listEvents", summary = "Read the events you may see, from a cursor",
            description = "Without after, from the oldest retained event (events are kept at least 90 days). Keep "
                    + "the answer's next and pass it as after to read on: no event is ever skipped, even when the "
                    + "services commit out of order, and next moves on even when your type filter matches nothing. "
                    + "siva-admin sees every event; a partner the registry events, application.decided with its "
                    + "public fields, and booking and aid events without personal data; an sme the booking and aid "
                    + "events of its own organisation.")
    @APIResponse(responseCode = "200", description = "Events in log order, and the cursor to read on from",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventPageView.class)))
    @APIResponse(responseCode = "400", description = "A bad cursor, type or size")
    public EventPageView list(
            @QueryParam("after") @Parameter(description = "The next of an earlier answer; absent: from the oldest retained event")
            String after,
            @QueryParam("type") @Parameter(description = "Only types starting with this, e.g. no.katapult.booking.")
            String type,
            @QueryParam("size") @Parameter(description = "Most events in the answer",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
            String size) {
        Audience audience = Audience.of(caller);
        QueryParams params = new QueryParams();
        long from = Cursor.parse(params, "after", after);
        String prefix = params.text("type", type, TypePrefix.MAX_LENGTH);
        if (prefix != null && !TypePrefix.isValid(prefix)) {
            params.error("type", TypePrefix.RULE);
        }
        int limit = params.integer("size", size, 1, MAX_SIZE, DEFAULT_SIZE);
        params.done();
        EventLog.Page page = log.read(from, audience, caller.orgNo().orElse(null), prefix, limit);
        return new EventPageView(page.items().stream().map(e -> views.render(e, audience)).toList(),
                Cursor.of(page.next()));
    }
}

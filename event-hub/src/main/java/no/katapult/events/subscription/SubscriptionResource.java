package no.katapult.events.subscription;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.common.http.ETags;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.pagination.PageResponse;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import no.katapult.events.Cursor;
import no.katapult.events.delivery.AttemptView;
import no.katapult.events.delivery.Deliveries;
import no.katapult.events.delivery.Outcome;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** The push side of the event stream: webhook subscriptions, replays and the attempt log. */
@Path("/api/v1/subscriptions")
@Tag(name = "Subscriptions", description = "Webhooks: the event stream pushed as signed CloudEvents (Standard Webhooks)")
@RolesAllowed({Roles.ADMIN, Roles.PARTNER, Roles.SME})
public class SubscriptionResource {

    static final String SUBSCRIPTION_EXAMPLE = """
            {"url": "https://partner.example.no/katapult/events",
             "types": ["no.katapult.application.decided", "no.katapult.booking."],
             "description": "Case handling"}""";

    @Inject
    SubscriptionService service;

    @Inject
    Deliveries deliveries;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createSubscription", summary = "Subscribe a webhook endpoint to the events you may see",
            description = "Each matching event is POSTed as a CloudEvent (Content-Type application/cloudevents+json) "
                    + "with the Standard Webhooks headers webhook-id (the event id), webhook-timestamp and "
                    + "webhook-signature (v1, HMAC-SHA256 of \"{id}.{timestamp}.{body}\" with the base64-decoded part "
                    + "of the secret). 2xx is delivered; anything else is retried at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h "
                    + "and 10 h (or later when you send Retry-After), then dead-lettered. A subject's events arrive in "
                    + "sequence order. 410 disables the subscription, and so do deliveries that keep failing. The "
                    + "events sent are those after the moment you subscribe; replay to get earlier ones.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SubscriptionRequest.class),
            examples = @ExampleObject(name = "partner", value = SUBSCRIPTION_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Subscribed; the secret is shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewSubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or invalid fields")
    @APIResponse(responseCode = "422", description = "webhook-url-refused: not https, or a private, loopback, link-local "
            + "or multicast address, or a host that cannot be resolved (the problem names url); subscription-limit")
    public Response create(@Valid @NotNull SubscriptionRequest request) {
        Subscription s = service.create(request);
        return ETags.created("/api/v1/subscriptions/" + s.id, NewSubscriptionView.of(s), s.version);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listSubscriptions", summary = "List your subscriptions")
    @APIResponse(responseCode = "200", description = "A page of your subscriptions, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionPage.class)))
    @APIResponse(responseCode = "400", description = "A bad page or size")
    public PageResponse<SubscriptionView> list(@BeanParam PageParams pageParams) {
        QueryParams params = new QueryParams();
        PageRequest page = params.page(pageParams);
        params.done();
        return service.list(page);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getSubscription", summary = "Read one of your subscriptions, with its status")
    @APIResponse(responseCode = "200", description = "The subscription, with its ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "404", description = "No such subscription of yours")
    public Response get(@PathParam("id") String id) {
        Subscription s = service.get(id(id));
        return ETags.ok(SubscriptionView.of(s), s.version);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteSubscription", summary = "Delete one of your subscriptions and its pending deliveries")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such subscription of yours")
    @APIResponse(responseCode = "409", description = "concurrent-update: it changed meanwhile (e.g. was disabled); read it again")
    @APIResponse(responseCode = "412", description = "If-Match does not match its current ETag")
    public Response delete(@PathParam("id") String id,
                           @Parameter(description = "The ETag you read; optional") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        service.delete(id(id), ifMatch);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaySubscription", summary = "Send the events after a cursor again (same event ids)",
            description = "Queues every event after the cursor that the subscription matches, in order, and enables "
                    + "the subscription again if it was disabled. Dead-lettered events are sent again this way.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReplayRequest.class),
            examples = @ExampleObject(name = "from a cursor", value = "{\"after\": \"djE6MTI\"}")))
    @APIResponse(responseCode = "202", description = "Queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "400", description = "A bad cursor (the problem names after)")
    @APIResponse(responseCode = "404", description = "No such subscription of yours")
    @APIResponse(responseCode = "422", description = "replay-too-large: replay from a later cursor")
    public Response replay(@PathParam("id") String id, @Valid @NotNull ReplayRequest request) {
        UUID subscription = id(id);
        QueryParams params = new QueryParams();
        long after = Cursor.parse(params, "after", request.after());
        params.done();
        return Response.accepted(service.replay(subscription, after)).build();
    }

    @GET
    @Path("/{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listSubscriptionDeliveries", summary = "Read a subscription's attempt log, newest first",
            description = "Every attempt: event id, attempt number, status code, latency, outcome, and when the next "
                    + "retry is due. Dead-lettered events show outcome DEAD.")
    @APIResponse(responseCode = "200", description = "A page of attempts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AttemptPage.class)))
    @APIResponse(responseCode = "400", description = "A bad outcome, page or size")
    @APIResponse(responseCode = "404", description = "No such subscription of yours")
    public PageResponse<AttemptView> deliveries(@PathParam("id") String id,
                                                @QueryParam("outcome") @Parameter(description = "DELIVERED, RETRYING, DEAD or GONE")
                                                String outcome,
                                                @BeanParam PageParams pageParams) {
        UUID subscription = id(id);
        QueryParams params = new QueryParams();
        Outcome filter = params.enumValue("outcome", outcome, Outcome.class);
        PageRequest page = params.page(pageParams);
        params.done();
        return deliveries.attempts(service.get(subscription).id, filter, page);
    }

    /** A path id that is no UUID names no subscription: 404, as for anyone else's. */
    private UUID id(String id) {
        QueryParams params = new QueryParams();
        UUID parsed = params.uuid("id", id);
        return params.hasErrors() ? null : parsed;
    }

    @Schema(name = "SubscriptionPage")
    public record SubscriptionPage(List<SubscriptionView> items, int page, int size, long total) {
    }

    @Schema(name = "DeliveryAttemptPage")
    public record AttemptPage(List<AttemptView> items, int page, int size, long total) {
    }
}

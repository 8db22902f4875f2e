package no.katapult.booking;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import no.katapult.common.idempotency.IdempotencyKeys;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

@Path("/api/v1/bookings")
@Tag(name = "Bookings", description = "Bookings of facilities and equipment")
public class BookingResource {

    static final String BOOKING_EXAMPLE = """
            {"resourceType": "FACILITY", "resourceId": "2c1bd0bf-17fe-31fe-87ed-13860dd88583",
             "start": "2027-03-30T09:00:00+02:00", "end": "2027-03-30T12:00:00+02:00",
             "purpose": "Testing a prototype gearbox housing"}""";

    @Inject
    BookingService service;

    @Inject
    BookingQueries queries;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SME)
    @Operation(operationId = "createBooking", summary = "Book a facility or an equipment item",
            description = "The organisation comes from the token's org_no. Facilities that require approval start "
                    + "REQUESTED, others CONFIRMED. Honours Idempotency-Key: the same key and body replay the first "
                    + "answer; the same key with another body is 422.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BookingRequest.class),
            examples = @ExampleObject(name = "facility", value = BOOKING_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Booked; Location and ETag headers are set, and Idempotent-Replayed on a replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "Malformed body or invalid fields")
    @APIResponse(responseCode = "409", description = "booking-conflict: the period overlaps an active booking (the problem names its period)")
    @APIResponse(responseCode = "422", description = "A booking rule says no: outside-opening-hours, facility-closed, "
            + "duration-too-short, duration-too-long, slot-misaligned, lead-time, beyond-horizon, resource-not-bookable, "
            + "resource-inactive, unknown-resource, sme-declaration-missing, aid-ceiling-exceeded, idempotency-key-reused")
    @APIResponse(responseCode = "503", description = "registry-unavailable: catapult-registry cannot be reached; retry later")
    public Response create(@Valid @NotNull BookingRequest request,
                           @Parameter(description = "Makes retries safe: the first answer is replayed for 24 hours")
                           @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        BookingService.Created created = service.create(request, idempotencyKey);
        return IdempotencyKeys.toResponse(created.response(), created.replayed());
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, BookingCalendar.MEDIA_TYPE})
    @RolesAllowed({Roles.SME, Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "listBookings", summary = "List the bookings you may see, as JSON or as an iCalendar feed",
            description = "sme: your organisation's bookings; centre-operator: your centre's; siva-admin: all. "
                    + "from/to select bookings overlapping [from, to). With Accept: text/calendar the same selection "
                    + "(unpaginated, at most 2000 events) is an RFC 5545 feed with times in UTC.")
    @APIResponse(responseCode = "200", description = "A page of bookings, or the iCalendar feed", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BookingPageView.class)),
            @Content(mediaType = BookingCalendar.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A bad filter value, page or size")
    public Response list(@QueryParam("status") @Parameter(description = "REQUESTED, CONFIRMED, REJECTED or CANCELLED") String status,
                         @QueryParam("resourceId") @Parameter(description = "A facility or equipment id") String resourceId,
                         @QueryParam("centreCode") @Parameter(description = "A centre code, e.g. digicat") String centreCode,
                         @QueryParam("from") @Parameter(description = "RFC 3339, e.g. 2027-03-28T00:00:00+01:00") String from,
                         @QueryParam("to") @Parameter(description = "RFC 3339, exclusive") String to,
                         @BeanParam PageParams pageParams,
                         @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        QueryParams params = new QueryParams();
        BookingFilter filter = BookingFilter.parse(params, status, resourceId, centreCode, from, to);
        PageRequest page = params.page(pageParams);
        params.done();
        if (prefersCalendar(accept)) {
            return Response.ok(BookingCalendar.write(queries.feed(filter), clock.instant()),
                    BookingCalendar.MEDIA_TYPE + ";charset=UTF-8").build();
        }
        return Response.ok(service.list(filter, page), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SME, Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "getBooking", summary = "Read one booking (404 if it is not yours to see)")
    @APIResponse(responseCode = "200", description = "The booking, with its ETag",
            content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No such booking, or not visible to you")
    public Response get(@PathParam("id") UUID id) {
        return withETag(service.get(id));
    }

    @POST
    @Path("/{id}/confirm")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "confirmBooking", summary = "Confirm a REQUESTED booking (centre operator of its centre, or siva-admin)")
    @APIResponse(responseCode = "200", description = "The confirmed booking",
            content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "404", description = "No such booking at your centre")
    @APIResponse(responseCode = "409", description = "illegal-transition: not REQUESTED; the problem lists the allowed actions")
    @APIResponse(responseCode = "412", description = "If-Match does not match the booking's ETag")
    public Response confirm(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withETag(service.confirm(id, ifMatch));
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "rejectBooking", summary = "Reject a REQUESTED booking with a reason (centre operator of its centre, or siva-admin)")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "reject", value = "{\"reason\": \"The line is reserved for a maintenance week\"}")))
    @APIResponse(responseCode = "200", description = "The rejected booking",
            content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "reason is missing")
    @APIResponse(responseCode = "404", description = "No such booking at your centre")
    @APIResponse(responseCode = "409", description = "illegal-transition: not REQUESTED")
    @APIResponse(responseCode = "412", description = "If-Match does not match the booking's ETag")
    public Response reject(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest body,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withETag(service.reject(id, body.reason(), ifMatch));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.SME, Roles.OPERATOR, Roles.ADMIN})
    @Operation(operationId = "cancelBooking", summary = "Cancel a booking with a reason",
            description = "The booking's organisation may cancel before the start; the centre's operator or siva-admin "
                    + "before the end. Inside the facility's free-cancellation notice, lateCancellation becomes true. "
                    + "Works while catapult-registry is down.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class),
            examples = @ExampleObject(name = "cancel", value = "{\"reason\": \"The prototype is delayed\"}")))
    @APIResponse(responseCode = "200", description = "The cancelled booking",
            content = @Content(schema = @Schema(implementation = BookingView.class)))
    @APIResponse(responseCode = "400", description = "reason is missing")
    @APIResponse(responseCode = "404", description = "No such booking visible to you")
    @APIResponse(responseCode = "409", description = "illegal-transition: already cancelled or rejected")
    @APIResponse(responseCode = "412", description = "If-Match does not match the booking's ETag")
    @APIResponse(responseCode = "422", description = "cancellation-too-late: after the start (organisation) or the end (staff)")
    public Response cancel(@PathParam("id") UUID id, @Valid @NotNull ReasonRequest body,
                           @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withETag(service.cancel(id, body.reason(), ifMatch));
    }

    private static Response withETag(BookingView view) {
        return ETags.ok(view, view.version());
    }

    /** text/calendar only when the client ranks it above JSON; anything else, including *&#47;*, gets JSON. */
    static boolean prefersCalendar(String accept) {
        if (accept == null) {
            return false;
        }
        double calendar = -1;
        double json = -1;
        for (String part : accept.split(",")) {
            String[] pieces = part.trim().split(";");
            String type = pieces[0].trim().toLowerCase();
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException ignored) {
                        q = 0;
                    }
                }
            }
            if (type.equals(BookingCalendar.MEDIA_TYPE)) {
                calendar = Math.max(calendar, q);
            } else if (type.equals(MediaType.APPLICATION_JSON) || type.equals("application/*") || type.equals("*/*")) {
                json = Math.max(json, type.equals(MediaType.APPLICATION_JSON) ? q : q - 0.001);
            }
        }
        return calendar > 0 && calendar > json;
    }

    /** For the OpenAPI document: the page envelope with bookings. */
    @Schema(name = "BookingPage")
    public record BookingPageView(List<BookingView> items, int page, int size, long total) {
    }
}

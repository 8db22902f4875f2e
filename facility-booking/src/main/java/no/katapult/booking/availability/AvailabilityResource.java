package no.katapult.booking.availability;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.query.QueryParams;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.util.UUID;

@Path("/api/v1/availability")
@Tag(name = "Availability", description = "When a facility or equipment item is free")
public class AvailabilityResource {

    @Inject
    AvailabilityService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(operationId = "getAvailability", summary = "Free intervals of a facility or equipment item",
            description = "Opening hours (Europe/Oslo) minus closures, minus active bookings with their buffers "
                    + "(the facility's, and those that claim the item, or any item the facility holds now, wherever "
                    + "it was when they were made), cut to the lead time and the booking horizon. The window "
                    + "[from, to) is at most 31 days. Public: no token needed.")
    @APIResponse(responseCode = "200", description = "The free intervals",
            content = @Content(schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "400", description = "A missing or bad parameter, or a window over 31 days")
    @APIResponse(responseCode = "404", description = "catapult-registry has no such resource")
    @APIResponse(responseCode = "503", description = "registry-unavailable: catapult-registry cannot be reached")
    public AvailabilityView availability(
            @QueryParam("resourceType") @Parameter(required = true, description = "FACILITY or EQUIPMENT", example = "FACILITY") String resourceType,
            @QueryParam("resourceId") @Parameter(required = true, description = "The example is the demo's VR room",
                    example = "2c1bd0bf-17fe-31fe-87ed-13860dd88583") String resourceId,
            @QueryParam("from") @Parameter(required = true, example = "2027-03-28T00:00:00+01:00") String from,
            @QueryParam("to") @Parameter(required = true, example = "2027-03-29T00:00:00+02:00") String to) {
        QueryParams params = new QueryParams();
        ResourceType type = params.requiredEnum("resourceType", resourceType, ResourceType.class);
        UUID id = params.requiredUuid("resourceId", resourceId);
        OffsetDateTime start = params.requiredTimestamp("from", from);
        OffsetDateTime end = params.requiredTimestamp("to", to);
        params.done();
        return service.availability(type, id, start, end);
    }
}

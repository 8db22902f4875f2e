package no.katapult.booking.availability;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import no.katapult.booking.booking.BookingFilter;
import no.katapult.booking.booking.ResourceType;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            description = "Opening hours (Europe/Oslo) minus closures, minus active bookings with their buffers, "
                    + "cut to the lead time and the booking horizon. The window [from, to) is at most 31 days. "
                    + "Public: no token needed.")
    @APIResponse(responseCode = "200", description = "The free intervals",
            content = @Content(schema = @Schema(implementation = AvailabilityView.class)))
    @APIResponse(responseCode = "400", description = "A missing or bad parameter, or a window over 31 days")
    @APIResponse(responseCode = "404", description = "catapult-registry has no such resource")
    @APIResponse(responseCode = "503", description = "registry-unavailable: catapult-registry cannot be reached")
    public AvailabilityView availability(
            @QueryParam("resourceType") @Parameter(required = true, description = "FACILITY or EQUIPMENT") String resourceType,
            @QueryParam("resourceId") @Parameter(required = true) String resourceId,
            @QueryParam("from") @Parameter(required = true, example = "2027-03-28T00:00:00+01:00") String from,
            @QueryParam("to") @Parameter(required = true, example = "2027-03-29T00:00:00+02:00") String to) {
        List<Problem.FieldError> missing = new ArrayList<>();
        for (String[] p : new String[][]{{"resourceType", resourceType}, {"resourceId", resourceId}, {"from", from}, {"to", to}}) {
            if (p[1] == null || p[1].isBlank()) {
                missing.add(new Problem.FieldError(p[0], "is required"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest(missing.size() == 1 ? "1 required parameter is missing"
                    : missing.size() + " required parameters are missing", missing);
        }
        ResourceType type;
        try {
            type = ResourceType.valueOf(resourceType.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("resourceType", "must be FACILITY or EQUIPMENT");
        }
        UUID id = BookingFilter.uuid("resourceId", resourceId);
        return service.availability(type, id, BookingFilter.timestamp("from", from), BookingFilter.timestamp("to", to));
    }
}

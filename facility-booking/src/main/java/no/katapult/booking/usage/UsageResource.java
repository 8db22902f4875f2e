package no.katapult.booking.usage;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;

@Path("/api/v1/bookings/usage")
@Tag(name = "Bookings")
public class UsageResource {

    @Inject
    UsageService service;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTNER, Roles.ADMIN})
    @Operation(operationId = "getBookingUsage", summary = "Hours booked, distinct SMEs and aid granted per centre",
            description = "Counts active (REQUESTED or CONFIRMED) bookings that start in [from, to). Dates are "
                    + "Europe/Oslo days, both inclusive; RFC 3339 timestamps are accepted too (to exclusive).")
    @APIResponse(responseCode = "200", description = "Usage per centre",
            content = @Content(schema = @Schema(implementation = UsageView.class)))
    @APIResponse(responseCode = "400", description = "from or to missing or malformed")
    public UsageView usage(@QueryParam("from") @Parameter(required = true, example = "2027-01-01") String from,
                           @QueryParam("to") @Parameter(required = true, example = "2027-12-31") String to) {
        QueryParams params = new QueryParams();
        OffsetDateTime start = params.timestampOrDate("from", required(params, "from", from), false);
        OffsetDateTime end = params.timestampOrDate("to", required(params, "to", to), true);
        if (start != null && end != null && !end.isAfter(start)) {
            params.error("to", "must not be before from");
        }
        params.done();
        return service.usage(start, end);
    }

    private static String required(QueryParams params, String name, String value) {
        if (value == null || value.isBlank()) {
            params.error(name, "is required");
        }
        return value;
    }
}

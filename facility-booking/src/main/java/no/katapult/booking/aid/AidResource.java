package no.katapult.booking.aid;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import no.katapult.booking.booking.BookingFilter;
import no.katapult.booking.caller.Caller;
import no.katapult.booking.time.Clocks;
import no.katapult.common.orgno.OrgNo;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

@Path("/api/v1/aid")
@Tag(name = "State aid", description = "De minimis aid from subsidised SME prices")
public class AidResource {

    static final String CSV = "text/csv";

    @Inject
    AidService service;

    @Inject
    Clock clock;

    @GET
    @Path("/{orgNo}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("**")
    @Operation(operationId = "getOrganisationAid", summary = "De minimis aid of one organisation over the rolling three years",
            description = "For siva-admin, partner, and users whose org_no is this organisation; others get 404. "
                    + "Amounts in NOK and EUR at the configured rate, with the ceiling, the headroom and the bookings behind it.")
    @APIResponse(responseCode = "200", description = "The aid summary",
            content = @Content(schema = @Schema(implementation = AidSummary.class)))
    @APIResponse(responseCode = "400", description = "orgNo is not a valid organisation number")
    @APIResponse(responseCode = "404", description = "Not your organisation")
    public AidSummary summary(@PathParam("orgNo") @OrgNo String orgNo) {
        return service.summary(orgNo);
    }

    @GET
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @RolesAllowed(Caller.ADMIN)
    @Operation(operationId = "exportAidAwards", summary = "Export aid awards per organisation and booking (CSV for the register for public support)",
            description = "Aid granted by active (REQUESTED or CONFIRMED) bookings created in the period. Dates are "
                    + "Europe/Oslo days and both ends are inclusive; RFC 3339 timestamps are also accepted (to is then "
                    + "exclusive). Defaults: the last three years. Send Accept: text/csv for CSV, application/json for JSON.")
    @APIResponse(responseCode = "200", description = "The awards", content = {
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AidAward.class))})
    @APIResponse(responseCode = "400", description = "A bad from/to")
    public Response export(@QueryParam("from") @Parameter(example = "2027-01-01") String from,
                           @QueryParam("to") @Parameter(example = "2027-12-31") String to,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDate today = clock.instant().atZone(Clocks.OSLO).toLocalDate();
        OffsetDateTime start = from == null || from.isBlank()
                ? today.minusYears(AidPolicy.WINDOW_YEARS).atStartOfDay(Clocks.OSLO).toOffsetDateTime()
                : BookingFilter.timestampOrDate("from", from, false);
        OffsetDateTime end = to == null || to.isBlank()
                ? today.plusDays(1).atStartOfDay(Clocks.OSLO).toOffsetDateTime()
                : BookingFilter.timestampOrDate("to", to, true);
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("to", "must not be before from");
        }
        List<AidAward> awards = service.awards(start, end);
        if (accept != null && accept.toLowerCase().contains(MediaType.APPLICATION_JSON) && !accept.toLowerCase().contains(CSV)) {
            return Response.ok(awards, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder csv = new StringBuilder(String.join(",", AidAward.CSV_HEADER)).append("\r\n");
        awards.forEach(a -> csv.append(a.csvRow()).append("\r\n"));
        return Response.ok(csv.toString(), CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"de-minimis-aid-" + start.toLocalDate() + "-"
                        + end.minusNanos(1).toLocalDate() + ".csv\"")
                .build();
    }
}

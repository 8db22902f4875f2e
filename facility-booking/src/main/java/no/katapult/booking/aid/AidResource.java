package no.katapult.booking.aid;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Variant;
import no.katapult.common.orgno.OrgNo;
import no.katapult.common.query.QueryParams;
import no.katapult.common.security.Roles;
import no.katapult.common.time.Clocks;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

@Path("/api/v1/aid")
@Tag(name = "State aid", description = "De minimis aid from subsidised SME prices")
public class AidResource {

    static final String CSV = "text/csv";

    /** JSON first: it is what a client that accepts anything gets. */
    private static final List<Variant> STATEMENT_VARIANTS = Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE,
            MediaType.valueOf(AidStatementPdf.MEDIA_TYPE)).build();

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
            content = @Content(schema = @Schema(implementation = AidSummaryView.class)))
    @APIResponse(responseCode = "400", description = "orgNo is not a valid organisation number")
    @APIResponse(responseCode = "404", description = "Not your organisation")
    public AidSummaryView summary(@PathParam("orgNo") @Parameter(example = "910000012") @OrgNo String orgNo) {
        return service.summary(orgNo);
    }

    @GET
    @Path("/{orgNo}/statement")
    @Produces({MediaType.APPLICATION_JSON, AidStatementPdf.MEDIA_TYPE})
    @RolesAllowed({Roles.SME, Roles.ADMIN})
    @Operation(operationId = "getAidStatement", summary = "The written de minimis aid statement of one organisation for one year",
            description = "For the organisation's own sme users and siva-admin; an sme of another organisation gets 404. "
                    + "Accept: application/json gives the statement as data, Accept: application/pdf the written "
                    + "statement (bokmål) to keep, as an attachment; both carry the same figures. It names the granting "
                    + "body, the undertaking (name from catapult-registry, with the caller's token) and every active "
                    + "booking whose aid was granted (booked) in the year, in NOK with EUR at the configured rate, the "
                    + "year's total, the rolling three-year total against the ceiling with the headroom, and the de "
                    + "minimis sentence (Regulation (EU) 2023/2831, as incorporated in the EEA Agreement). Cancelled and "
                    + "rejected bookings are left out: their aid was released. The three years end now for the current "
                    + "year and at the year's end for a past one.")
    @APIResponse(responseCode = "200", description = "The statement", content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AidStatementView.class)),
            @Content(mediaType = AidStatementPdf.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary"))},
            headers = @Header(name = "Content-Disposition", description = "With the PDF: attachment; "
                    + "filename=\"de-minimis-<orgNo>-<year>.pdf\"", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "orgNo is not a valid organisation number, or year is missing or "
            + "not a whole year from " + AidStatement.FIRST_YEAR + " to the current year")
    @APIResponse(responseCode = "404", description = "Not your organisation")
    @APIResponse(responseCode = "503", description = "registry-unavailable: catapult-registry cannot be reached for the "
            + "organisation's name; retry later")
    public Response statement(@PathParam("orgNo") @Parameter(example = "910000012") @OrgNo String orgNo,
                              @QueryParam("year") @Parameter(required = true, example = "2027") String year,
                              @Context Request request) {
        Instant now = clock.instant();
        QueryParams params = new QueryParams();
        if (year == null || year.isBlank()) {
            params.error("year", "is required");
        }
        int statementYear = params.integer("year", year, AidStatement.FIRST_YEAR, AidStatement.currentYear(now), 0);
        params.done();
        AidStatementView statement = service.statement(orgNo, statementYear, now);
        Variant variant = request.selectVariant(STATEMENT_VARIANTS);
        if (variant != null && AidStatementPdf.MEDIA_TYPE.equals(variant.getMediaType().toString())) {
            return Response.ok(AidStatementPdf.render(statement), AidStatementPdf.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"de-minimis-" + orgNo + "-" + statementYear
                            + ".pdf\"")
                    .build();
        }
        return Response.ok(statement, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces({CSV, MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "exportAidAwards", summary = "Export aid awards per organisation and booking (CSV for the register for public support)",
            description = "Aid granted by active (REQUESTED or CONFIRMED) bookings created in the period. Dates are "
                    + "Europe/Oslo days and both ends are inclusive; RFC 3339 timestamps are also accepted (to is then "
                    + "exclusive). Defaults: the last three years. Send Accept: text/csv for CSV, application/json for JSON.")
    @APIResponse(responseCode = "200", description = "The awards", content = {
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = AidAwardView.class))})
    @APIResponse(responseCode = "400", description = "A bad from/to")
    public Response export(@QueryParam("from") @Parameter(example = "2027-01-01") String from,
                           @QueryParam("to") @Parameter(example = "2027-12-31") String to,
                           @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDate today = clock.instant().atZone(Clocks.OSLO).toLocalDate();
        QueryParams params = new QueryParams();
        OffsetDateTime start = Objects.requireNonNullElse(params.timestampOrDate("from", from, false),
                today.minusYears(AidPolicy.WINDOW_YEARS).atStartOfDay(Clocks.OSLO).toOffsetDateTime());
        OffsetDateTime end = Objects.requireNonNullElse(params.timestampOrDate("to", to, true),
                today.plusDays(1).atStartOfDay(Clocks.OSLO).toOffsetDateTime());
        if (!params.hasErrors() && !end.isAfter(start)) {
            params.error("to", "must not be before from");
        }
        params.done();
        List<AidAwardView> awards = service.awards(start, end);
        if (accept != null && accept.toLowerCase().contains(MediaType.APPLICATION_JSON) && !accept.toLowerCase().contains(CSV)) {
            return Response.ok(awards, MediaType.APPLICATION_JSON).build();
        }
        StringBuilder csv = new StringBuilder(String.join(",", AidAwardView.CSV_HEADER)).append("\r\n");
        awards.forEach(a -> csv.append(a.csvRow()).append("\r\n"));
        return Response.ok(csv.toString(), CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"de-minimis-aid-" + start.toLocalDate() + "-"
                        + end.minusNanos(1).toLocalDate() + ".csv\"")
                .build();
    }
}

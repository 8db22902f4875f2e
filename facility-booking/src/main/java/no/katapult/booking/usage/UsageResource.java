package no.katapult.booking.usage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import no.katapult.booking.booking.BookingFilter;
import no.katapult.booking.booking.BookingView;
import no.katapult.booking.caller.Caller;
import no.katapult.common.money.Money;
import no.katapult.common.problem.Problem;
import no.katapult.common.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

@Path("/api/v1/bookings/usage")
@Tag(name = "Bookings")
public class UsageResource {

    @Inject
    EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.PARTNER, Caller.ADMIN})
    @Operation(operationId = "getBookingUsage", summary = "Hours booked, distinct SMEs and aid granted per centre",
            description = "Counts active (REQUESTED or CONFIRMED) bookings that start in [from, to). Dates are "
                    + "Europe/Oslo days, both inclusive; RFC 3339 timestamps are accepted too (to exclusive).")
    @APIResponse(responseCode = "200", description = "Usage per centre",
            content = @Content(schema = @Schema(implementation = UsageView.class)))
    @APIResponse(responseCode = "400", description = "from or to missing or malformed")
    public UsageView usage(@QueryParam("from") @Parameter(required = true, example = "2027-01-01") String from,
                           @QueryParam("to") @Parameter(required = true, example = "2027-12-31") String to) {
        List<Problem.FieldError> missing = new ArrayList<>();
        if (from == null || from.isBlank()) {
            missing.add(new Problem.FieldError("from", "is required"));
        }
        if (to == null || to.isBlank()) {
            missing.add(new Problem.FieldError("to", "is required"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.badRequest("from and to are required", missing);
        }
        OffsetDateTime start = BookingFilter.timestampOrDate("from", from, false);
        OffsetDateTime end = BookingFilter.timestampOrDate("to", to, true);
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("to", "must not be before from");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT centre_code, count(*), "
                        + "count(*) FILTER (WHERE status = 'CONFIRMED'), "
                        + "COALESCE(SUM(EXTRACT(EPOCH FROM (end_at - start_at))), 0) / 3600.0, "
                        + "count(DISTINCT org_no), COALESCE(SUM(aid_amount), 0) "
                        + "FROM booking WHERE status IN ('REQUESTED', 'CONFIRMED') AND start_at >= ?1 AND start_at < ?2 "
                        + "GROUP BY centre_code ORDER BY centre_code")
                .setParameter(1, start).setParameter(2, end).getResultList();
        List<UsageView.CentreUsage> centres = rows.stream().map(r -> new UsageView.CentreUsage((String) r[0],
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(),
                new BigDecimal(r[3].toString()).setScale(2, RoundingMode.HALF_UP), ((Number) r[4]).longValue(),
                Money.nok(new BigDecimal(r[5].toString())))).toList();
        return new UsageView(BookingView.oslo(start), BookingView.oslo(end), centres);
    }
}

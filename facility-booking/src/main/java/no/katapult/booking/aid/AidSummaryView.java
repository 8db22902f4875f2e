package no.katapult.booking.aid;

import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@Schema(name = "AidSummary", description = "De minimis aid of one organisation over the rolling three years up to now")
public record AidSummaryView(
        String orgNo,
        @Schema(description = "Start of the rolling three-year window") OffsetDateTime from,
        @Schema(description = "End of the window: now") OffsetDateTime to,
        @Schema(description = "NOK per EUR used for the conversion", examples = "11.50") BigDecimal eurNokRate,
        @Schema(description = "Aid recorded in the window (REQUESTED and CONFIRMED bookings)") Money aidTotal,
        @Schema(examples = "1234.56") BigDecimal aidTotalEur,
        Money ceiling,
        @Schema(examples = "300000.00") BigDecimal ceilingEur,
        @Schema(description = "What may still be granted: ceiling - aidTotal, never negative") Money headroom,
        BigDecimal headroomEur,
        List<AidBooking> bookings) {

    @Schema(name = "AidBooking", description = "A booking that carries aid")
    public record AidBooking(UUID bookingId, ResourceType resourceType, UUID resourceId, String resourceName,
                             String centreCode, OffsetDateTime start, OffsetDateTime end, BookingStatus status,
                             @Schema(description = "When the aid was granted: the booking's creation") OffsetDateTime awardedAt,
                             Money aidAmount, BigDecimal aidAmountEur) {
    }
}

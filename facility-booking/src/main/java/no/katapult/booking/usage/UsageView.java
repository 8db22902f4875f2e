package no.katapult.booking.usage;

import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

@Schema(name = "Usage", description = "Aggregated use of each centre's facilities; names no users or organisations")
public record UsageView(OffsetDateTime from, OffsetDateTime to, List<CentreUsage> centres) {

    @Schema(name = "CentreUsage")
    public record CentreUsage(
            String centreCode,
            @Schema(description = "Active (REQUESTED or CONFIRMED) bookings starting in the period") long bookings,
            @Schema(description = "Of those, confirmed") long confirmedBookings,
            @Schema(examples = "42.50") BigDecimal hoursBooked,
            @Schema(description = "Number of distinct organisations that booked") long distinctSmes,
            @Schema(description = "De minimis aid carried by those bookings") Money aidGranted) {
    }
}

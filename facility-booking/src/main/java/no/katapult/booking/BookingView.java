package no.katapult.booking;

import no.katapult.booking.rules.PriceBasis;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.money.Money;
import no.katapult.common.time.Clocks;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

@Schema(name = "Booking", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "A booking; start and end carry the Europe/Oslo offset of their moment")
public record BookingView(
        UUID id,
        ResourceType resourceType,
        UUID resourceId,
        @Schema(description = "Name of the facility or equipment item when it was booked") String resourceName,
        UUID facilityId,
        String centreCode,
        String orgNo,
        @Schema(description = "Username of the person who booked") String bookedBy,
        @Schema(description = "E-mail of the person who booked, from their token; absent when it had none") String bookedByEmail,
        @Schema(description = "Locale of the person who booked (e.g. nb, en), from their token") String bookedByLocale,
        OffsetDateTime start,
        OffsetDateTime end,
        String purpose,
        BookingStatus status,
        @Schema(description = "Reason given for a rejection or cancellation") String statusReason,
        boolean lateCancellation,
        PriceView price,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    @Schema(name = "BookingPrice", description = "Price snapshot at booking time; aidAmount = standardTotal - total is de minimis aid")
    public record PriceView(PriceBasis basis, Money hourly, Money total, Money standardTotal, Money aidAmount) {
    }

    public static BookingView of(Booking b) {
        return new BookingView(b.id, b.resourceType, b.resourceId, b.resourceName, b.facilityId, b.centreCode, b.orgNo,
                b.bookedBy, b.bookedByEmail, b.bookedByLocale, Clocks.inOslo(b.start), Clocks.inOslo(b.end), b.purpose, b.status, b.statusReason, b.lateCancellation,
                new PriceView(b.priceBasis, Money.nok(b.hourlyPrice), Money.nok(b.totalPrice), Money.nok(b.standardTotal),
                        Money.nok(b.aidAmount)),
                b.version, Clocks.inOslo(b.createdAt), Clocks.inOslo(b.updatedAt));
    }

    /** RFC 3339 with seconds, as the JSON bodies write it, for problem members and messages. */
    public static String iso(OffsetDateTime t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Clocks.inOslo(t));
    }

}

package no.katapult.booking;

import no.katapult.booking.rules.ResourceType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A booking as partners see it in events: {@link BookingView} without personal data (no bookedBy and the
 * booker's e-mail and locale, no purpose, no statusReason, which are free text a person wrote).
 */
@Schema(name = "PartnerBooking", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "A booking without personal data, as partners receive it in events")
public record PartnerBookingView(
        UUID id,
        ResourceType resourceType,
        UUID resourceId,
        String resourceName,
        UUID facilityId,
        String centreCode,
        String orgNo,
        OffsetDateTime start,
        OffsetDateTime end,
        BookingStatus status,
        boolean lateCancellation,
        BookingView.PriceView price,
        long version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public static PartnerBookingView of(Booking b) {
        BookingView full = BookingView.of(b);
        return new PartnerBookingView(full.id(), full.resourceType(), full.resourceId(), full.resourceName(),
                full.facilityId(), full.centreCode(), full.orgNo(), full.start(), full.end(),
                full.status(), full.lateCancellation(), full.price(), full.version(), full.createdAt(), full.updatedAt());
    }
}

package no.katapult.booking.aid;

import no.katapult.booking.Booking;
import no.katapult.booking.BookingStatus;
import no.katapult.booking.rules.ResourceType;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One booking as an aid statement sees it. Its aid was granted when the booking was made ({@code grantedAt}),
 * the moment the ceiling check counted it, whenever the booked period lies. Amounts are NOK.
 */
public record AidGrant(UUID bookingId, OffsetDateTime grantedAt, OffsetDateTime start, OffsetDateTime end,
                       BookingStatus status, String centreCode, String facilityName, ResourceType resourceType,
                       String resourceName, BigDecimal standardPrice, BigDecimal pricePaid, BigDecimal aidAmount) {

    static AidGrant of(Booking b) {
        return new AidGrant(b.id, b.createdAt, b.start, b.end, b.status, b.centreCode, b.facilityName, b.resourceType,
                b.resourceName, b.standardTotal, b.totalPrice, b.aidAmount);
    }

    /** Active and with aid: a cancelled or rejected booking's aid was released and no longer counts. */
    boolean carriesAid() {
        return status.isActive() && aidAmount.signum() > 0;
    }
}

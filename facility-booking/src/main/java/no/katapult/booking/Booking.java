package no.katapult.booking;

import no.katapult.common.persistence.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import no.katapult.booking.rules.PriceBasis;
import no.katapult.booking.rules.ResourceType;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A booking of a facility or an equipment item. The columns {@code target} and {@code period} that
 * the exclusion constraint uses are derived by a database trigger and not mapped here; so are the rows
 * of {@code booking_item_claim}, from {@link #claimedItems}.
 */
@Entity
@Table(name = "booking")
public class Booking extends VersionedEntity {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(name = "resource_type")
    public ResourceType resourceType;

    @Column(name = "resource_id")
    public UUID resourceId;

    @Column(name = "resource_name")
    public String resourceName;

    @Column(name = "facility_id")
    public UUID facilityId;

    @Column(name = "facility_name")
    public String facilityName;

    @Column(name = "centre_code")
    public String centreCode;

    public String location;

    @Column(name = "org_no")
    public String orgNo;

    @Column(name = "booked_by")
    public String bookedBy;

    /** The booker's e-mail and locale from their token at creation, for event-hub's mails (V3). */
    @Column(name = "booked_by_email", updatable = false)
    public String bookedByEmail;

    @Column(name = "booked_by_locale", updatable = false)
    public String bookedByLocale;

    @Column(name = "start_at")
    public OffsetDateTime start;

    @Column(name = "end_at")
    public OffsetDateTime end;

    public String purpose;

    @Enumerated(EnumType.STRING)
    public BookingStatus status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "late_cancellation")
    public boolean lateCancellation;

    @Column(name = "buffer_minutes")
    public int bufferMinutes;

    @Column(name = "free_cancellation_notice_hours")
    public int freeCancellationNoticeHours;

    @Enumerated(EnumType.STRING)
    @Column(name = "price_basis")
    public PriceBasis priceBasis;

    @Column(name = "hourly_price")
    public BigDecimal hourlyPrice;

    @Column(name = "total_price")
    public BigDecimal totalPrice;

    @Column(name = "standard_total")
    public BigDecimal standardTotal;

    @Column(name = "aid_amount")
    public BigDecimal aidAmount;

    public String currency = "NOK";

    /**
     * The equipment items this booking holds, fixed when it is made: its item, or every active item of the
     * facility at that moment. PostgreSQL refuses two active bookings that claim one item for overlapping
     * buffered periods, wherever the registry has moved the item since.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "claimed_items", updatable = false)
    public UUID[] claimedItems = new UUID[0];

    public Duration duration() {
        return Duration.between(start, end);
    }

    public void confirm(OffsetDateTime now) {
        requireStatus("confirm", BookingStatus.REQUESTED);
        status = BookingStatus.CONFIRMED;
        updatedAt = now;
    }

    public void reject(String reason, OffsetDateTime now) {
        requireStatus("reject", BookingStatus.REQUESTED);
        status = BookingStatus.REJECTED;
        statusReason = reason;
        updatedAt = now;
    }

    /** Cancels; inside the free-cancellation notice before the start it is a late cancellation. */
    public void cancel(String reason, OffsetDateTime now) {
        requireStatus("cancel", BookingStatus.REQUESTED, BookingStatus.CONFIRMED);
        status = BookingStatus.CANCELLED;
        statusReason = reason;
        lateCancellation = now.isAfter(start.minusHours(freeCancellationNoticeHours));
        updatedAt = now;
    }

    private void requireStatus(String action, BookingStatus... allowedFrom) {
        if (Arrays.asList(allowedFrom).contains(status)) {
            return;
        }
        throw ProblemException.conflict("illegal-transition",
                        "A " + status + " booking cannot be " + pastTense(action)
                                + "; that needs status " + Arrays.toString(allowedFrom))
                .with(ProblemMember.CURRENT_STATUS, status.name())
                .with(ProblemMember.ALLOWED_ACTIONS, allowedActions());
    }

    public List<String> allowedActions() {
        return switch (status) {
            case REQUESTED -> List.of("confirm", "reject", "cancel");
            case CONFIRMED -> List.of("cancel");
            default -> List.of();
        };
    }

    private static String pastTense(String action) {
        return switch (action) {
            case "confirm" -> "confirmed";
            case "reject" -> "rejected";
            default -> "cancelled";
        };
    }
}

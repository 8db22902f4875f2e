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
    public ResourceType resourceType;

    public UUID resourceId;

    public String resourceName;

    public UUID facilityId;

    public String facilityName;

    public String centreCode;

    public String location;

    public String orgNo;

    public String bookedBy;

    /** The booker's e-mail and locale from their token at creation, for event-hub's mails (V3). */
    @Column(updatable = false)
    public String bookedByEmail;

    @Column(updatable = false)
    public String bookedByLocale;

    @Column(name = "start_at")
    public OffsetDateTime start;

    @Column(name = "end_at")
    public OffsetDateTime end;

    public String purpose;

    @Enumerated(EnumType.STRING)
    public BookingStatus status;

    public String statusReason;

    public boolean lateCancellation;

    public int bufferMinutes;

    public int freeCancellationNoticeHours;

    @Enumerated(EnumType.STRING)
    public PriceBasis priceBasis;

    public BigDecimal hourlyPrice;

    public BigDecimal totalPrice;

    public BigDecimal standardTotal;

    public BigDecimal aidAmount;

    public String currency = "NOK";

    /**
     * The equipment items this booking holds, fixed when it is made: its item, or every active item of the
     * facility at that moment. PostgreSQL refuses two active bookings that claim one item for overlapping
     * buffered periods, wherever the registry has moved the item since.
     */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(updatable = false)
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

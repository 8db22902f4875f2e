package no.katapult.booking;

import java.util.EnumSet;
import java.util.Set;

public enum BookingStatus {
    REQUESTED, CONFIRMED, REJECTED, CANCELLED;

    /** Statuses that hold the resource and count as state aid. */
    public static final Set<BookingStatus> ACTIVE = EnumSet.of(REQUESTED, CONFIRMED);

    public boolean isActive() {
        return ACTIVE.contains(this);
    }
}

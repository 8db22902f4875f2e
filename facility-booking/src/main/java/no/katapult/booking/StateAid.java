package no.katapult.booking;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * De minimis state aid as bookings see it. The aid package implements it, so bookings do not depend on
 * how aid is counted and reported. Every method joins the transaction that changes the booking.
 */
public interface StateAid {

    /**
     * Call inside the transaction that records the aid: serialises the organisation's aid decisions until
     * it ends, so two concurrent bookings cannot both fit under a ceiling only one fits under, and refuses
     * {@code aid} that would take the organisation over it (422 aid-ceiling-exceeded).
     */
    void reserve(String orgNo, BigDecimal aid, Instant now);

    /** The booking has been created; the aid it carries, if any, is granted (event no.katapult.aid.granted). */
    void granted(Booking booking);

    /** The booking has been cancelled or rejected; its aid, if any, is released (event no.katapult.aid.released). */
    void released(Booking booking);
}

package no.katapult.booking;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.Outbox;

/**
 * The booking events of issue 13, written to the transactional outbox in the transaction of the change:
 * the full booking for Siva and the booking's organisation, and the booking without personal data for
 * partners. Subject {@code bookings/{id}}, so one booking's events carry sequence numbers 1, 2, ...
 */
@ApplicationScoped
public class BookingEvents {

    public static final String REQUESTED = "no.katapult.booking.requested";
    public static final String CONFIRMED = "no.katapult.booking.confirmed";
    public static final String REJECTED = "no.katapult.booking.rejected";
    public static final String CANCELLED = "no.katapult.booking.cancelled";

    @Inject
    Outbox outbox;

    /** A new booking: requested when it awaits approval, else confirmed. */
    void created(Booking b) {
        publish(b.status == BookingStatus.REQUESTED ? REQUESTED : CONFIRMED, b);
    }

    void confirmed(Booking b) {
        publish(CONFIRMED, b);
    }

    void rejected(Booking b) {
        publish(REJECTED, b);
    }

    void cancelled(Booking b) {
        publish(CANCELLED, b);
    }

    private void publish(String type, Booking b) {
        outbox.publish(type, subject(b), BookingView.of(b), PartnerBookingView.of(b), b.orgNo);
    }

    private static String subject(Booking b) {
        return "bookings/" + b.id;
    }
}

package no.katapult.booking;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/** Bookings as an RFC 5545 feed. Times are UTC instants ("...Z"), so no VTIMEZONE is needed. */
public final class BookingCalendar {

    public static final String MEDIA_TYPE = "text/calendar";

    private BookingCalendar() {
    }

    public static String write(List<Booking> bookings, Instant stamp) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Norsk katapult//facility-booking 1.0//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        for (Booking b : bookings) {
            VEvent event = new VEvent(b.start.toInstant(), b.end.toInstant(), summary(b));
            event.add(new Uid(b.id + "@bookings.katapult.no"));
            event.add(new DtStamp(stamp));
            event.add(new Location(b.location == null || b.location.isBlank() ? b.facilityName : b.location));
            event.add(new Description(b.purpose + "\nStatus: " + b.status + "\nOrganisation: " + b.orgNo
                    + "\nCentre: " + b.centreCode));
            event.add(switch (b.status) {
                case CONFIRMED -> new Status(Status.VALUE_CONFIRMED);
                case REQUESTED -> new Status(Status.VALUE_TENTATIVE);
                default -> new Status(Status.VALUE_CANCELLED);
            });
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("The calendar feed did not validate", e);
        }
        return out.toString();
    }

    private static String summary(Booking b) {
        String prefix = switch (b.status) {
            case REQUESTED -> "[Requested] ";
            case REJECTED -> "[Rejected] ";
            case CANCELLED -> "[Cancelled] ";
            default -> "";
        };
        return prefix + b.resourceName + " (" + b.centreCode + ")";
    }
}

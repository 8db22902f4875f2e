package no.katapult.booking.booking;

import no.katapult.common.problem.ProblemException;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** The filters of GET /api/v1/bookings, parsed so that a bad value is a 400 naming its parameter. */
public record BookingFilter(BookingStatus status, UUID resourceId, String centreCode, OffsetDateTime from,
                            OffsetDateTime to) {

    public static BookingFilter parse(String status, String resourceId, String centreCode, String from, String to) {
        BookingFilter f = new BookingFilter(status(status), uuid("resourceId", resourceId),
                centreCode == null || centreCode.isBlank() ? null : centreCode.trim(),
                timestamp("from", from), timestamp("to", to));
        if (f.from != null && f.to != null && !f.to.isAfter(f.from)) {
            throw ProblemException.badRequest("to", "must be after from");
        }
        return f;
    }

    static BookingStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return BookingStatus.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("status", "must be one of REQUESTED, CONFIRMED, REJECTED, CANCELLED");
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, "must be a UUID");
        }
    }

    /**
     * A bound given as an RFC 3339 timestamp, or as a date (YYYY-MM-DD) meaning the start of that
     * Europe/Oslo day; an upper date bound includes its whole day.
     */
    public static OffsetDateTime timestampOrDate(String name, String value, boolean upper) {
        if (value != null && value.trim().length() == 10) {
            try {
                java.time.LocalDate day = java.time.LocalDate.parse(value.trim());
                return (upper ? day.plusDays(1) : day).atStartOfDay(no.katapult.booking.time.Clocks.OSLO).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw ProblemException.badRequest(name, "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp");
            }
        }
        return timestamp(name, value);
    }

    public static OffsetDateTime timestamp(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an RFC 3339 timestamp with offset, e.g. 2027-03-28T00:00:00+01:00");
        }
    }
}

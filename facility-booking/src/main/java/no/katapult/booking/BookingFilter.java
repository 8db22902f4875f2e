package no.katapult.booking;

import no.katapult.common.query.QueryParams;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The filters of GET /api/v1/bookings; from/to select bookings that overlap [from, to). */
public record BookingFilter(BookingStatus status, UUID resourceId, String centreCode, OffsetDateTime from,
                            OffsetDateTime to) {

    /** Parses the query parameters into {@code params}, which reports every bad one when it is done. */
    public static BookingFilter parse(QueryParams params, String status, String resourceId, String centreCode,
                                      String from, String to) {
        BookingFilter filter = new BookingFilter(params.enumValue("status", status, BookingStatus.class),
                params.uuid("resourceId", resourceId), params.text("centreCode", centreCode),
                params.timestamp("from", from), params.timestamp("to", to));
        if (filter.from != null && filter.to != null && !filter.to.isAfter(filter.from)) {
            params.error("to", "must be after from");
        }
        return filter;
    }
}

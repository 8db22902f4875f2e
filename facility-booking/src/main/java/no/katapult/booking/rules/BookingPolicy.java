package no.katapult.booking.rules;

import no.katapult.common.problem.ProblemException;
import no.katapult.common.problem.ProblemMember;
import no.katapult.common.time.Clocks;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * The registry's booking rules for one resource, checked when a booking is made. Each broken rule is
 * a 422 whose type names it and whose {@code rule} member is the registry's rule name.
 */
public final class BookingPolicy {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");

    private final BookableResource resource;
    private final BookingRules rules;
    private final OpeningCalendar calendar;

    public BookingPolicy(BookableResource resource) {
        this.resource = resource;
        this.rules = resource.facility().bookingRules();
        this.calendar = new OpeningCalendar(resource.facility());
    }

    public OpeningCalendar calendar() {
        return calendar;
    }

    /** Setup and teardown time that pads each booking on both sides. */
    public int bufferMinutes() {
        return value(rules.bufferMinutes(), 0);
    }

    public int granularityMinutes() {
        return Math.max(1, value(rules.slotGranularityMinutes(), 1));
    }

    public Duration leadTime() {
        return Duration.ofHours(value(rules.leadTimeHours(), 0));
    }

    /** The latest instant a booking may start, or null without a horizon. */
    public Instant horizonEnd(Instant now) {
        Integer days = rules.horizonDays();
        return days == null ? null : now.plus(Duration.ofDays(days));
    }

    public boolean requiresApproval() {
        return Boolean.TRUE.equals(rules.requiresApproval());
    }

    public int freeCancellationNoticeHours() {
        return value(rules.freeCancellationNoticeHours(), 0);
    }

    /** Throws the 422 of the first rule that the booking [start, end) made at {@code now} breaks. */
    public void check(Instant start, Instant end, Instant now) {
        if (!resource.active()) {
            throw rule("resource-inactive", "active", "The " + noun() + " is no longer active");
        }
        if (!resource.bookable()) {
            throw rule("resource-not-bookable", "bookable", "The " + noun() + " is not open for booking");
        }
        Instant earliest = now.plus(leadTime());
        if (start.isBefore(earliest)) {
            throw rule("lead-time", "leadTimeHours", "Bookings must be made at least " + leadTime().toHours()
                    + " hours ahead: the earliest start now is " + local(earliest))
                    .with(ProblemMember.EARLIEST_START, iso(earliest));
        }
        Instant horizon = horizonEnd(now);
        if (horizon != null && start.isAfter(horizon)) {
            throw rule("beyond-horizon", "horizonDays", "Bookings may start at most " + rules.horizonDays()
                    + " days ahead, by " + local(horizon))
                    .with(ProblemMember.LATEST_START, iso(horizon));
        }
        long minutes = Duration.between(start, end).toMinutes();
        Integer min = rules.minDurationMinutes();
        if (min != null && minutes < min) {
            throw rule("duration-too-short", "minDurationMinutes",
                    "A booking lasts at least " + min + " minutes; this one lasts " + minutes);
        }
        Integer max = rules.maxDurationMinutes();
        if (max != null && minutes > max) {
            throw rule("duration-too-long", "maxDurationMinutes",
                    "A booking lasts at most " + max + " minutes; this one lasts " + minutes);
        }
        Interval period = new Interval(start, end);
        boolean open = calendar.openIntervals(start, end).stream().anyMatch(i -> i.contains(period));
        if (!open) {
            throw rule("outside-opening-hours", "openingHours", "The period " + local(start) + " to " + local(end)
                    + " is not inside the opening hours (Europe/Oslo)");
        }
        calendar.closureOverlapping(period).ifPresent(c -> {
            throw rule("facility-closed", "closures", "The facility is closed from " + c.from() + " to " + c.to()
                    + (c.reason() == null ? "" : " (" + c.reason() + ")"));
        });
        checkSlotGrid(start, minutes);
    }

    /**
     * The first instant at or after {@code t} on the slot grid of the opening interval containing it, so a
     * free interval that starts there starts bookable; {@code t} itself when it is outside opening hours.
     */
    public Instant firstSlotFrom(Instant t) {
        return calendar.dailyIntervalContaining(t).map(day -> {
            long step = granularityMinutes() * 60L;
            long offset = Duration.between(day.start(), t).toSeconds();
            long steps = (offset + step - 1) / step;
            Instant aligned = day.start().plusSeconds(steps * step);
            return aligned.isBefore(t) ? t : aligned;
        }).orElse(t);
    }

    // Slots start where the day's opening interval starts and last a whole number of granularity
    // units, measured in real minutes, so a slot spanning a DST change is as long as it lasts.
    private void checkSlotGrid(Instant start, long minutes) {
        int g = granularityMinutes();
        Instant anchor = calendar.dailyIntervalContaining(start).map(Interval::start).orElse(start);
        Duration offset = Duration.between(anchor, start);
        boolean aligned = offset.toSeconds() % (g * 60L) == 0 && Duration.ofMinutes(minutes).toSeconds() % (g * 60L) == 0
                && start.getEpochSecond() % 60 == 0 && start.getNano() == 0;
        if (!aligned) {
            throw rule("slot-misaligned", "slotGranularityMinutes", "Bookings start on the " + g
                    + "-minute grid from opening time (" + local(anchor) + ") and last a multiple of " + g + " minutes");
        }
    }

    private String noun() {
        return resource.type() == ResourceType.FACILITY ? "facility" : "equipment item";
    }

    private static ProblemException rule(String slug, String rule, String detail) {
        return ProblemException.unprocessable(slug, detail).with(ProblemMember.RULE, rule);
    }

    private static String local(Instant t) {
        return LOCAL.format(t.atZone(Clocks.OSLO));
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(Clocks.OSLO).toOffsetDateTime());
    }

    private static int value(Integer v, int fallback) {
        return v == null ? fallback : v;
    }
}

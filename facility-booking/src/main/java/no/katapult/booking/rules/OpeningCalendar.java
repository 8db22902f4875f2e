package no.katapult.booking.rules;

import no.katapult.common.time.Clocks;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A facility's weekly opening hours and closures, which are local Europe/Oslo times, turned into
 * instants. Each local day is converted on its own, so a day of 23 or 25 hours keeps its true
 * length: 00:00-24:00 on 2027-03-28 is 23 hours, on 2027-10-31 it is 25.
 */
public final class OpeningCalendar {

    private final Facility facility;

    public OpeningCalendar(Facility facility) {
        this.facility = facility;
    }

    /** The opening intervals of each local day touching [from, to), one per registry entry, sorted. */
    public List<Interval> dailyIntervals(Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        Map<String, List<OpeningInterval>> hours = facility.openingHours();
        if (hours.isEmpty()) {
            return result;
        }
        LocalDate first = from.atZone(Clocks.OSLO).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(Clocks.OSLO).toLocalDate().plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (OpeningInterval slot : intervalsOn(hours, day.getDayOfWeek())) {
                Optional<ZonedDateTime> start = localInstant(day, slot.from(), false);
                Optional<ZonedDateTime> end = localInstant(day, slot.to(), true);
                if (start.isPresent() && end.isPresent() && end.get().isAfter(start.get())) {
                    result.add(new Interval(start.get().toInstant(), end.get().toInstant()));
                }
            }
        }
        result.sort(Comparator.comparing(Interval::start));
        return result;
    }

    /** Opening hours as continuous intervals: a facility open until 24:00 and from 00:00 stays open overnight. */
    public List<Interval> openIntervals(Instant from, Instant to) {
        return Interval.merge(dailyIntervals(from, to));
    }

    /** Closures touching [from, to): each runs from the start of its first day to the end of its last. */
    public List<Interval> closures(Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        for (Closure c : facility.closures()) {
            if (c.isValid()) {
                Interval closed = closed(c);
                if (closed.start().isBefore(to) && closed.end().isAfter(from)) {
                    result.add(closed);
                }
            }
        }
        return Interval.merge(result);
    }

    /** The closure covering any part of {@code period}, if there is one. */
    public Optional<Closure> closureOverlapping(Interval period) {
        return facility.closures().stream().filter(Closure::isValid).filter(c -> closed(c).overlaps(period)).findFirst();
    }

    /** The daily opening interval that contains {@code t}; the slot grid of a booking starting at t begins there. */
    public Optional<Interval> dailyIntervalContaining(Instant t) {
        return dailyIntervals(t, t.plusSeconds(1)).stream().filter(i -> i.contains(t)).findFirst();
    }

    private static Interval closed(Closure c) {
        return new Interval(c.from().atStartOfDay(Clocks.OSLO).toInstant(),
                c.to().plusDays(1).atStartOfDay(Clocks.OSLO).toInstant());
    }

    private static List<OpeningInterval> intervalsOn(Map<String, List<OpeningInterval>> hours, DayOfWeek day) {
        for (Map.Entry<String, List<OpeningInterval>> e : hours.entrySet()) {
            if (e.getKey() != null && e.getKey().toUpperCase(Locale.ROOT).equals(day.name()) && e.getValue() != null) {
                return e.getValue().stream().filter(i -> i != null).toList();
            }
        }
        return List.of();
    }

    /**
     * A local "HH:MM" on a day. "24:00" is the start of the next day. A time that does not exist
     * (the spring-forward gap) moves forward by the gap; an ambiguous one (the autumn overlap) takes
     * the earlier offset, as java.time does.
     */
    private static Optional<ZonedDateTime> localInstant(LocalDate day, String hhmm, boolean end) {
        if (hhmm == null) {
            return Optional.empty();
        }
        String value = hhmm.trim();
        if (end && (value.equals("24:00") || value.equals("24:00:00"))) {
            return Optional.of(day.plusDays(1).atStartOfDay(Clocks.OSLO));
        }
        try {
            return Optional.of(ZonedDateTime.of(day, LocalTime.parse(value), Clocks.OSLO));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

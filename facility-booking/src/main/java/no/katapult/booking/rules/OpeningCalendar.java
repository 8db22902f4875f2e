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
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A facility's weekly opening hours and closures, which are local Europe/Oslo times, turned into
 * instants. Each local day is converted on its own, so a day of 23 or 25 hours keeps its true
 * length: 00:00-24:00 on 2027-03-28 is 23 hours, on 2027-10-31 it is 25.
 */
public final class OpeningCalendar {

    private final Facility facility;
    /** The weekly hours, each "HH:MM" parsed once rather than on every day of every window. */
    private final Map<DayOfWeek, List<LocalSlot>> week;

    public OpeningCalendar(Facility facility) {
        this.facility = facility;
        this.week = week(facility.openingHours());
    }

    /** The opening intervals of each local day touching [from, to), one per registry entry, sorted. */
    public List<Interval> dailyIntervals(Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        if (week.isEmpty()) {
            return result;
        }
        LocalDate first = from.atZone(Clocks.OSLO).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(Clocks.OSLO).toLocalDate().plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (LocalSlot slot : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                ZonedDateTime start = ZonedDateTime.of(day, slot.from(), Clocks.OSLO);
                ZonedDateTime end = slot.to() == null ? day.plusDays(1).atStartOfDay(Clocks.OSLO)
                        : ZonedDateTime.of(day, slot.to(), Clocks.OSLO);
                if (end.isAfter(start)) {
                    result.add(new Interval(start.toInstant(), end.toInstant()));
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

    /** Each day's entries: the first registry key that names the day (in any case) wins. */
    private static Map<DayOfWeek, List<LocalSlot>> week(Map<String, List<OpeningInterval>> hours) {
        Map<DayOfWeek, List<LocalSlot>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            for (Map.Entry<String, List<OpeningInterval>> e : hours.entrySet()) {
                if (e.getKey() != null && e.getKey().toUpperCase(Locale.ROOT).equals(day.name()) && e.getValue() != null) {
                    week.put(day, e.getValue().stream().filter(Objects::nonNull).map(LocalSlot::of)
                            .flatMap(Optional::stream).toList());
                    break;
                }
            }
        }
        return week;
    }

    /**
     * A registry entry's local times; {@code to} null means "24:00", the start of the next day. A time that does
     * not exist on a day (the spring-forward gap) moves forward by the gap; an ambiguous one (the autumn overlap)
     * takes the earlier offset, as java.time does. An entry with a time that cannot be read is left out.
     */
    record LocalSlot(LocalTime from, LocalTime to) {
        static Optional<LocalSlot> of(OpeningInterval entry) {
            if (entry.from() == null || entry.to() == null) {
                return Optional.empty();
            }
            String end = entry.to().trim();
            try {
                LocalTime from = LocalTime.parse(entry.from().trim());
                return Optional.of(new LocalSlot(from,
                        end.equals("24:00") || end.equals("24:00:00") ? null : LocalTime.parse(end)));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
    }
}

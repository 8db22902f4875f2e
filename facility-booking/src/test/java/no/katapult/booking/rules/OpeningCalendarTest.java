package no.katapult.booking.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import no.katapult.common.time.Clocks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static no.katapult.booking.rules.Facilities.closed;
import static no.katapult.booking.rules.Facilities.everyDay;
import static no.katapult.booking.rules.Facilities.facility;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Local opening hours turned into instants. Europe/Oslo changes clocks on 2027-03-28 (02:00 -> 03:00,
 * a 23-hour day) and 2027-10-31 (03:00 -> 02:00, a 25-hour day).
 */
class OpeningCalendarTest {

    static Instant at(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    static Instant startOf(LocalDate day) {
        return day.atStartOfDay(Clocks.OSLO).toInstant();
    }

    static OpeningCalendar calendar(Map<String, List<OpeningInterval>> hours, List<Closure> closures) {
        return new OpeningCalendar(facility(hours, closures, BookingRules.NONE));
    }

    static Duration total(List<Interval> intervals) {
        return intervals.stream().map(Interval::duration).reduce(Duration.ZERO, Duration::plus);
    }

    /** Spring forward makes a 23-hour day, fall back a 25-hour one. */
    @ParameterizedTest(name = "{0} is {2} hours long")
    @CsvSource({
            "2027-03-28, 2027-03-29T00:00:00+02:00, 23",
            "2027-10-31, 2027-11-01T00:00:00+01:00, 25"})
    void aClockChangeDayIsAsLongAsTheChangeMakesIt(LocalDate day, String nextMidnight, int hours) {
        List<Interval> open = calendar(everyDay("00:00", "24:00"), List.of()).dailyIntervals(startOf(day), startOf(day.plusDays(1)));
        Interval sunday = open.stream().filter(i -> i.start().equals(startOf(day))).findFirst().orElseThrow();
        assertEquals(at(nextMidnight), sunday.end());
        assertEquals(Duration.ofHours(hours), sunday.duration());
    }

    @Test
    void hoursAcrossTheChangeKeepTheirRealLength() {
        OpeningCalendar sundays = calendar(Map.of("SUNDAY", List.of(new OpeningInterval("01:00", "05:00"))), List.of());
        List<Interval> spring = sundays.openIntervals(at("2027-03-28T00:00:00+01:00"), at("2027-03-29T00:00:00+02:00"));
        assertEquals(List.of(new Interval(at("2027-03-28T01:00:00+01:00"), at("2027-03-28T05:00:00+02:00"))), spring);
        assertEquals(Duration.ofHours(3), total(spring));
        List<Interval> autumn = sundays.openIntervals(at("2027-10-31T00:00:00+02:00"), at("2027-11-01T00:00:00+01:00"));
        assertEquals(List.of(new Interval(at("2027-10-31T01:00:00+02:00"), at("2027-10-31T05:00:00+01:00"))), autumn);
        assertEquals(Duration.ofHours(5), total(autumn));
    }

    @Test
    void aTimeInTheGapMovesForwardAndAnAmbiguousOneTakesTheEarlierOffset() {
        OpeningCalendar sundays = calendar(Map.of("SUNDAY", List.of(new OpeningInterval("02:30", "04:00"))), List.of());
        assertEquals(at("2027-03-28T03:30:00+02:00"),
                sundays.dailyIntervals(at("2027-03-28T00:00:00+01:00"), at("2027-03-28T12:00:00+02:00")).get(0).start());
        assertEquals(at("2027-10-31T02:30:00+02:00"),
                sundays.dailyIntervals(at("2027-10-31T00:00:00+02:00"), at("2027-10-31T12:00:00+01:00")).get(0).start());
    }

    @Test
    void midnightToMidnightIsOneContinuousStretch() {
        List<Interval> week = calendar(everyDay("00:00", "24:00"), List.of())
                .openIntervals(at("2027-03-22T00:00:00+01:00"), at("2027-03-29T00:00:00+02:00"));
        assertEquals(1, week.size());
        assertTrue(week.get(0).contains(new Interval(at("2027-03-22T00:00:00+01:00"), at("2027-03-29T00:00:00+02:00"))));
    }

    @Test
    void closuresRunFromTheFirstLocalMidnightToTheLast() {
        OpeningCalendar c = calendar(everyDay("00:00", "24:00"), List.of(closed("2027-10-31", "2027-10-31"),
                new Closure(LocalDate.parse("2027-11-05"), LocalDate.parse("2027-11-04"), "backwards"),
                new Closure(null, LocalDate.parse("2027-11-04"), "open-ended")));
        List<Interval> closures = c.closures(at("2027-10-01T00:00:00+02:00"), at("2027-12-01T00:00:00+01:00"));
        assertEquals(List.of(new Interval(at("2027-10-31T00:00:00+02:00"), at("2027-11-01T00:00:00+01:00"))), closures);
        assertEquals(Duration.ofHours(25), closures.get(0).duration());
        assertEquals("Vedlikehold", c.closureOverlapping(new Interval(at("2027-10-31T23:00:00+01:00"),
                at("2027-11-01T01:00:00+01:00"))).orElseThrow().reason());
        assertTrue(c.closureOverlapping(new Interval(at("2027-11-01T00:00:00+01:00"),
                at("2027-11-01T01:00:00+01:00"))).isEmpty());
    }

    @Test
    void unreadableEntriesOpenNothing() {
        OpeningCalendar c = calendar(Map.of("monday", List.of(new OpeningInterval("8 o'clock", "16:00"),
                new OpeningInterval("16:00", "12:00"), new OpeningInterval(null, "12:00"),
                new OpeningInterval("09:00", "10:00")), "FUNDAY", List.of(new OpeningInterval("00:00", "24:00"))), List.of());
        List<Interval> open = c.openIntervals(at("2027-01-10T00:00:00+01:00"), at("2027-01-16T00:00:00+01:00"));
        assertEquals(List.of(new Interval(at("2027-01-11T09:00:00+01:00"), at("2027-01-11T10:00:00+01:00"))), open);
    }

    /** Open around the clock, each local day of 2027 is exactly as long as the wall clock says. */
    @Property
    void everyLocalDayIsAsLongAsItsMidnightsAreApart(@ForAll @IntRange(min = 0, max = 364) int dayOfYear) {
        LocalDate day = LocalDate.of(2027, 1, 1).plusDays(dayOfYear);
        Instant start = startOf(day);
        Instant end = startOf(day.plusDays(1));
        List<Interval> daily = calendar(everyDay("00:00", "24:00"), List.of()).dailyIntervals(start, end);
        Interval today = daily.stream().filter(i -> i.start().equals(start)).findFirst().orElseThrow();
        assertEquals(end, today.end());
        long hours = today.duration().toHours();
        long expected = day.equals(LocalDate.of(2027, 3, 28)) ? 23 : day.equals(LocalDate.of(2027, 10, 31)) ? 25 : 24;
        assertEquals(expected, hours);
    }
}

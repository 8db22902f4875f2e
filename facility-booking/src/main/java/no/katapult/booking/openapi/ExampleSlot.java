package no.katapult.booking.openapi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The period of the contract's example booking: 10:00–12:00 Europe/Oslo on the first working day at least
 * two weeks ahead, outside the Christmas closure (24 December to 1 January) of the demo facilities. It moves
 * with the date, so the example stays inside every demo facility's lead time, horizon, opening hours and grid:
 * the first "Try it out" on a day books it (201), a second one meets that booking (409).
 */
public record ExampleSlot(OffsetDateTime start, OffsetDateTime end) {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final int DAYS_AHEAD = 14;
    private static final MonthDay CLOSURE_FROM = MonthDay.of(12, 24);
    private static final MonthDay CLOSURE_TO = MonthDay.of(1, 1);

    public static ExampleSlot after(ZonedDateTime now) {
        LocalDate day = now.withZoneSameInstant(OSLO).toLocalDate().plusDays(DAYS_AHEAD);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY || closed(day)) {
            day = day.plusDays(1);
        }
        return new ExampleSlot(day.atTime(LocalTime.of(10, 0)).atZone(OSLO).toOffsetDateTime(),
                day.atTime(LocalTime.of(12, 0)).atZone(OSLO).toOffsetDateTime());
    }

    private static boolean closed(LocalDate day) {
        MonthDay md = MonthDay.from(day);
        return !md.isBefore(CLOSURE_FROM) || !md.isAfter(CLOSURE_TO);
    }
}

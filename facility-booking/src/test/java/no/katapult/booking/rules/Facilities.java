package no.katapult.booking.rules;

import no.katapult.common.money.Money;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Facilities and resources for the plain rule tests, written the way the registry describes them. */
final class Facilities {

    private Facilities() {
    }

    /** Every day of the week from {@code from} to {@code to} (local "HH:MM"). */
    static Map<String, List<OpeningInterval>> everyDay(String from, String to) {
        Map<String, List<OpeningInterval>> hours = new LinkedHashMap<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            hours.put(day.name(), List.of(new OpeningInterval(from, to)));
        }
        return hours;
    }

    static Facility facility(Map<String, List<OpeningInterval>> hours, List<Closure> closures, BookingRules rules) {
        return new Facility(UUID.randomUUID(), "Testlab", "Storgata 1, 6002 Ålesund", hours, closures, rules, List.of());
    }

    static Facility openAlways() {
        return facility(everyDay("00:00", "24:00"), List.of(), BookingRules.NONE);
    }

    static Closure closed(String from, String to) {
        return new Closure(LocalDate.parse(from), LocalDate.parse(to), "Vedlikehold");
    }

    static BookingRules rules(Integer min, Integer max, Integer granularity, Integer leadHours, Integer horizonDays) {
        return new BookingRules(min, max, granularity, leadHours, horizonDays, 0, false, 48);
    }

    static BookableResource resource(Facility facility) {
        return new BookableResource(ResourceType.FACILITY, facility.id(), facility.name(), facility, "digicat",
                Money.nok("1000.00"), Money.nok("400.00"), true, true);
    }
}

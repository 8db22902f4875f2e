package no.katapult.booking.rules;

import no.katapult.common.money.Money;
import no.katapult.common.problem.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static no.katapult.booking.rules.Facilities.closed;
import static no.katapult.booking.rules.Facilities.everyDay;
import static no.katapult.booking.rules.Facilities.facility;
import static no.katapult.booking.rules.Facilities.resource;
import static no.katapult.booking.rules.Facilities.rules;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The booking-time rules, without the service: now is Monday 2027-01-04 09:00 in Oslo. */
class BookingPolicyTest {

    static final Instant NOW = at("2027-01-04T09:00:00+01:00");
    static final BookingRules HOURLY_SLOTS = rules(null, null, 60, null, null);
    static final BookingPolicy MONDAYS_HOURLY_FROM_8_30 = openOn("MONDAY", "08:30", "16:30", HOURLY_SLOTS);
    /** The policies the tables below name. */
    static final Map<String, BookingPolicy> POLICIES = Map.of(
            "MONDAYS_8_TO_16", openOn("MONDAY", "08:00", "16:00", BookingRules.NONE),
            "MONDAYS_HOURLY_FROM_8_30", MONDAYS_HOURLY_FROM_8_30,
            "SUNDAYS_HOURLY_1_TO_5", openOn("SUNDAY", "01:00", "05:00", HOURLY_SLOTS),
            "TWO_TO_FOUR_HOURS", policy(everyDay("00:00", "24:00"), List.of(), rules(120, 240, null, null, null)));

    static Instant at(String rfc3339) {
        return OffsetDateTime.parse(rfc3339).toInstant();
    }

    static BookingPolicy policy(Map<String, List<OpeningInterval>> hours, List<Closure> closures, BookingRules rules) {
        return new BookingPolicy(resource(facility(hours, closures, rules)));
    }

    /** Open on one weekday only, from {@code from} to {@code to} local time. */
    static BookingPolicy openOn(String day, String from, String to, BookingRules rules) {
        return policy(Map.of(day, List.of(new OpeningInterval(from, to))), List.of(), rules);
    }

    /** Asserts that booking [start, end) now breaks the rule, with its slug and the registry's rule name. */
    static ProblemException refused(BookingPolicy policy, String start, String end, String slug, String rule) {
        ProblemException e = assertThrows(ProblemException.class, () -> policy.check(at(start), at(end), NOW));
        assertEquals(422, e.status());
        assertEquals(slug, e.slug(), e.getMessage());
        assertEquals(rule, e.extensions().get("rule"));
        return e;
    }

    static void allowed(BookingPolicy policy, String start, String end) {
        assertDoesNotThrow(() -> policy.check(at(start), at(end), NOW));
    }

    /** Inside one day's opening hours, on the slot grid (from opening time, in real hours), for a duration allowed. */
    @ParameterizedTest(name = "{0}: {1} to {2}")
    @CsvSource(textBlock = """
            MONDAYS_8_TO_16,          2027-01-11T08:00:00+01:00, 2027-01-11T16:00:00+01:00
            MONDAYS_8_TO_16,          2027-01-11T07:00:00Z,      2027-01-11T08:00:00Z
            MONDAYS_HOURLY_FROM_8_30, 2027-01-11T08:30:00+01:00, 2027-01-11T10:30:00+01:00
            MONDAYS_HOURLY_FROM_8_30, 2027-01-11T13:30:00+01:00, 2027-01-11T14:30:00+01:00
            # 2027-03-28: 01:00 to 05:00 is three real hours; 03:00 summer time is one hour after opening.
            SUNDAYS_HOURLY_1_TO_5,    2027-03-28T03:00:00+02:00, 2027-03-28T05:00:00+02:00
            SUNDAYS_HOURLY_1_TO_5,    2027-03-28T01:00:00+01:00, 2027-03-28T04:00:00+02:00
            # 2027-10-31: five real hours; the second 02:00 (+01:00) is two hours after opening, and on the grid.
            SUNDAYS_HOURLY_1_TO_5,    2027-10-31T02:00:00+01:00, 2027-10-31T03:00:00+01:00
            SUNDAYS_HOURLY_1_TO_5,    2027-10-31T01:00:00+02:00, 2027-10-31T05:00:00+01:00
            TWO_TO_FOUR_HOURS,        2027-01-11T08:00:00+01:00, 2027-01-11T10:00:00+01:00
            TWO_TO_FOUR_HOURS,        2027-01-11T08:00:00+01:00, 2027-01-11T12:00:00+01:00
            """)
    void aBookingThatKeepsTheRulesIsAllowed(String policy, String start, String end) {
        allowed(POLICIES.get(policy), start, end);
    }

    @ParameterizedTest(name = "{0}: {1} to {2} is {3}")
    @CsvSource(textBlock = """
            MONDAYS_8_TO_16,          2027-01-11T15:00:00+01:00, 2027-01-11T17:00:00+01:00, outside-opening-hours, openingHours
            MONDAYS_8_TO_16,          2027-01-11T07:00:00+01:00, 2027-01-11T09:00:00+01:00, outside-opening-hours, openingHours
            MONDAYS_8_TO_16,          2027-01-12T10:00:00+01:00, 2027-01-12T11:00:00+01:00, outside-opening-hours, openingHours
            MONDAYS_HOURLY_FROM_8_30, 2027-01-11T09:00:00+01:00, 2027-01-11T11:00:00+01:00, slot-misaligned, slotGranularityMinutes
            MONDAYS_HOURLY_FROM_8_30, 2027-01-11T08:30:00+01:00, 2027-01-11T10:45:00+01:00, slot-misaligned, slotGranularityMinutes
            MONDAYS_HOURLY_FROM_8_30, 2027-01-11T08:30:30+01:00, 2027-01-11T09:30:30+01:00, slot-misaligned, slotGranularityMinutes
            SUNDAYS_HOURLY_1_TO_5,    2027-03-28T01:30:00+01:00, 2027-03-28T03:30:00+02:00, slot-misaligned, slotGranularityMinutes
            SUNDAYS_HOURLY_1_TO_5,    2027-10-31T00:00:00+02:00, 2027-10-31T01:00:00+02:00, outside-opening-hours, openingHours
            TWO_TO_FOUR_HOURS,        2027-01-11T08:00:00+01:00, 2027-01-11T09:59:00+01:00, duration-too-short, minDurationMinutes
            TWO_TO_FOUR_HOURS,        2027-01-11T08:00:00+01:00, 2027-01-11T12:01:00+01:00, duration-too-long, maxDurationMinutes
            """)
    void aBookingThatBreaksARuleIsRefused(String policy, String start, String end, String slug, String rule) {
        refused(POLICIES.get(policy), start, end, slug, rule);
    }

    @Test
    void openUntilMidnightAndFromMidnightIsOneStretch() {
        BookingPolicy p = policy(Map.of("MONDAY", List.of(new OpeningInterval("20:00", "24:00")),
                "TUESDAY", List.of(new OpeningInterval("00:00", "04:00"))), List.of(), BookingRules.NONE);
        allowed(p, "2027-01-11T22:00:00+01:00", "2027-01-12T02:00:00+01:00");
    }

    @Test
    void closuresCoverWholeLocalDays() {
        BookingPolicy p = policy(everyDay("00:00", "24:00"), List.of(closed("2027-01-13", "2027-01-14")), BookingRules.NONE);
        ProblemException e = refused(p, "2027-01-12T23:00:00+01:00", "2027-01-13T01:00:00+01:00", "facility-closed", "closures");
        assertTrue(e.getMessage().contains("Vedlikehold"), e.getMessage());
        refused(p, "2027-01-14T23:00:00+01:00", "2027-01-15T00:00:00+01:00", "facility-closed", "closures");
        allowed(p, "2027-01-12T22:00:00+01:00", "2027-01-13T00:00:00+01:00");
        allowed(p, "2027-01-15T00:00:00+01:00", "2027-01-15T01:00:00+01:00");
    }

    @Test
    void leadTimeCountsFromNow() {
        BookingPolicy p = policy(everyDay("00:00", "24:00"), List.of(), rules(null, null, null, 48, null));
        ProblemException e = refused(p, "2027-01-06T08:00:00+01:00", "2027-01-06T09:00:00+01:00", "lead-time",
                "leadTimeHours");
        assertEquals("2027-01-06T09:00:00+01:00", e.extensions().get("earliestStart"));
        allowed(p, "2027-01-06T09:00:00+01:00", "2027-01-06T10:00:00+01:00");
    }

    @Test
    void horizonLimitsTheStartNotTheEnd() {
        BookingPolicy p = policy(everyDay("00:00", "24:00"), List.of(), rules(null, null, null, null, 30));
        allowed(p, "2027-02-03T09:00:00+01:00", "2027-02-03T12:00:00+01:00");
        ProblemException e = refused(p, "2027-02-03T10:00:00+01:00", "2027-02-03T11:00:00+01:00", "beyond-horizon",
                "horizonDays");
        assertEquals("2027-02-03T09:00:00+01:00", e.extensions().get("latestStart"));
    }

    @Test
    void anInactiveOrUnbookableResourceIsRefusedFirst() {
        Facility f = Facilities.openAlways();
        BookingPolicy inactive = new BookingPolicy(new BookableResource(ResourceType.EQUIPMENT, f.id(), "Printer", f,
                "digicat", Money.nok("1.00"), null, true, false));
        BookingPolicy unbookable = new BookingPolicy(new BookableResource(ResourceType.EQUIPMENT, f.id(), "Printer", f,
                "digicat", Money.nok("1.00"), null, false, true));
        assertTrue(refused(inactive, "2027-01-11T08:00:00+01:00", "2027-01-11T09:00:00+01:00", "resource-inactive", "active")
                .getMessage().contains("equipment item"));
        refused(unbookable, "2027-01-11T08:00:00+01:00", "2027-01-11T09:00:00+01:00", "resource-not-bookable", "bookable");
    }

    @Test
    void missingRulesMeanNoLimits() {
        BookingPolicy p = new BookingPolicy(resource(new Facility(null, null, null, everyDay("00:00", "24:00"), null, null, null)));
        assertEquals(0, p.bufferMinutes());
        assertEquals(1, p.granularityMinutes());
        assertEquals(Duration.ZERO, p.leadTime());
        assertNull(p.horizonEnd(NOW));
        assertFalse(p.requiresApproval());
        assertEquals(0, p.freeCancellationNoticeHours());
        allowed(p, "2029-01-11T08:17:00+01:00", "2029-01-11T08:18:00+01:00");
    }

    @Test
    void theFirstSlotIsOnTheGridOfItsOpeningInterval() {
        BookingPolicy p = MONDAYS_HOURLY_FROM_8_30;
        assertEquals(at("2027-01-11T09:30:00+01:00"), p.firstSlotFrom(at("2027-01-11T09:00:00+01:00")));
        assertEquals(at("2027-01-11T08:30:00+01:00"), p.firstSlotFrom(at("2027-01-11T08:30:00+01:00")));
        // Outside opening hours there is no grid: the instant stays.
        assertEquals(at("2027-01-11T07:00:00+01:00"), p.firstSlotFrom(at("2027-01-11T07:00:00+01:00")));
    }
}

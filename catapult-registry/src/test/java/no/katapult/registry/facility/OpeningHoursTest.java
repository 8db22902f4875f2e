package no.katapult.registry.facility;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.Problem;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpeningHoursTest {

    static TimeInterval at(String from, String to) {
        return new TimeInterval(from, to);
    }

    static List<String> fields(FieldErrors errors) {
        return errors.sorted().stream().map(Problem.FieldError::field).toList();
    }

    static String hhmm(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    @Test
    void weekdaysAreNormalisedSortedAndEmptyDaysLeftOut() {
        Map<String, List<TimeInterval>> in = new LinkedHashMap<>();
        in.put("SUNDAY", List.of(at("00:00", "24:00")));
        in.put(" wednesday ", List.of(at("12:00", "16:00"), at("08:00", "12:00")));
        in.put("MONDAY", List.of());
        FieldErrors errors = new FieldErrors();
        Map<String, List<TimeInterval>> out = OpeningHours.normalise(in, errors);
        assertTrue(errors.isEmpty(), () -> errors.sorted().toString());
        assertEquals(List.of("WEDNESDAY", "SUNDAY"), new ArrayList<>(out.keySet()));
        assertEquals(List.of(at("08:00", "12:00"), at("12:00", "16:00")), out.get("WEDNESDAY"));
        assertEquals(List.of(at("00:00", "24:00")), out.get("SUNDAY"));
    }

    @Test
    void noMapMeansClosedAllWeek() {
        FieldErrors errors = new FieldErrors();
        assertEquals(Map.of(), OpeningHours.normalise(null, errors));
        assertTrue(errors.isEmpty());
    }

    @Test
    void everyBrokenIntervalIsReportedAtItsPath() {
        Map<String, List<TimeInterval>> in = new LinkedHashMap<>();
        in.put("MONDAY", List.of(at("16:00", "08:00")));
        in.put("TUESDAY", List.of(at("08:00", "12:00"), at("11:00", "14:00")));
        in.put("WEDNESDAY", List.of(at("8:00", "25:00")));
        in.put("THURSDAY", List.of(at("24:00", "24:00")));
        in.put("FRIDAY", List.of(at("", "10:00")));
        in.put("FUNDAY", List.of(at("08:00", "16:00")));
        List<TimeInterval> withNull = new ArrayList<>();
        withNull.add(null);
        in.put("SATURDAY", withNull);
        FieldErrors errors = new FieldErrors();
        OpeningHours.normalise(in, errors);
        assertEquals(List.of("openingHours.FRIDAY[0].from", "openingHours.FUNDAY", "openingHours.MONDAY[0].to",
                "openingHours.SATURDAY[0]", "openingHours.THURSDAY[0].from", "openingHours.TUESDAY[1]",
                "openingHours.WEDNESDAY[0].from", "openingHours.WEDNESDAY[0].to"), fields(errors));
    }

    @Test
    void aDayHasAtMost48Intervals() {
        List<TimeInterval> halfHours = new ArrayList<>();
        for (int start = 0; start < 24 * 60; start += 30) {
            halfHours.add(at(hhmm(start), start + 30 == 24 * 60 ? "24:00" : hhmm(start + 30)));
        }
        FieldErrors errors = new FieldErrors();
        assertEquals(48, OpeningHours.normalise(Map.of("MONDAY", halfHours), errors).get("MONDAY").size());
        assertTrue(errors.isEmpty());

        halfHours.add(at("23:59", "24:00"));
        OpeningHours.normalise(Map.of("MONDAY", halfHours), errors);
        assertEquals(List.of("openingHours.MONDAY"), fields(errors));
    }

    @Test
    void storedHoursComeBackInWeekOrder() {
        Map<String, List<TimeInterval>> stored = new LinkedHashMap<>();
        for (DayOfWeek day : List.of(DayOfWeek.SUNDAY, DayOfWeek.FRIDAY, DayOfWeek.MONDAY)) {
            stored.put(day.name(), List.of(at("10:00", "14:00")));
        }
        stored.put("TUESDAY", List.of());
        assertEquals(List.of("MONDAY", "FRIDAY", "SUNDAY"), new ArrayList<>(OpeningHours.inWeekOrder(stored).keySet()));
        assertEquals(Map.of(), OpeningHours.inWeekOrder(null));
    }

    /**
     * Intervals between consecutive distinct minute marks in [0, 1440], so they touch; some are left
     * out to leave gaps, and the rest come in no particular order.
     */
    @Provide
    Arbitrary<List<TimeInterval>> separateIntervals() {
        return Arbitraries.integers().between(0, 24 * 60).set().ofMaxSize(20).map(marks -> {
            List<Integer> sorted = new ArrayList<>(new TreeSet<>(marks));
            List<TimeInterval> intervals = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i++) {
                if (sorted.get(i) % 3 != 0) {
                    intervals.add(interval(sorted.get(i), sorted.get(i + 1)));
                }
            }
            Collections.rotate(intervals, sorted.isEmpty() ? 0 : sorted.get(0));
            return intervals;
        });
    }

    @Property
    void intervalsThatDoNotOverlapAreAcceptedSortedAndStable(@ForAll("separateIntervals") List<TimeInterval> day) {
        FieldErrors errors = new FieldErrors();
        Map<String, List<TimeInterval>> out = OpeningHours.normalise(Map.of("friday", day), errors);
        assertTrue(errors.isEmpty(), () -> errors.sorted().toString());
        List<TimeInterval> friday = out.getOrDefault("FRIDAY", List.of());
        assertEquals(day.size(), friday.size());
        for (int i = 1; i < friday.size(); i++) {
            assertTrue(friday.get(i - 1).to().compareTo(friday.get(i).from()) <= 0, friday::toString);
        }
        // Normalising what was stored changes nothing.
        FieldErrors again = new FieldErrors();
        assertEquals(out, OpeningHours.normalise(out, again));
        assertTrue(again.isEmpty());
    }

    @Property
    void twoIntervalsOfADayConflictExactlyWhenTheyOverlap(
            @ForAll @IntRange(min = 0, max = 1439) int a, @ForAll @IntRange(min = 1, max = 1440) int aLength,
            @ForAll @IntRange(min = 0, max = 1439) int b, @ForAll @IntRange(min = 1, max = 1440) int bLength) {
        int aEnd = Math.min(a + aLength, 24 * 60);
        int bEnd = Math.min(b + bLength, 24 * 60);
        FieldErrors errors = new FieldErrors();
        OpeningHours.normalise(Map.of("MONDAY", List.of(interval(a, aEnd), interval(b, bEnd))), errors);
        boolean overlap = a < bEnd && b < aEnd;
        assertEquals(overlap, !errors.isEmpty(), () -> a + "-" + aEnd + " and " + b + "-" + bEnd);
    }

    @Property
    void everyWallClockMinuteIsAValidStartAndTheNextAValidEnd(@ForAll @IntRange(min = 0, max = 1439) int minute) {
        FieldErrors errors = new FieldErrors();
        Map<String, List<TimeInterval>> out = OpeningHours.normalise(
                Map.of("SUNDAY", List.of(interval(minute, minute + 1))), errors);
        assertTrue(errors.isEmpty());
        assertEquals(List.of(interval(minute, minute + 1)), out.get("SUNDAY"));
    }

    static TimeInterval interval(int from, int to) {
        return at(hhmm(from), to == 24 * 60 ? "24:00" : hhmm(to));
    }
}

package no.katapult.booking.rules;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Interval arithmetic on a time line of whole minutes from 2027-03-28 00:00 UTC (a DST day in Oslo,
 * which these instants do not care about). With whole-minute ends, two sets of intervals are equal
 * exactly when they cover the same minutes.
 */
class IntervalTest {

    static final Instant ORIGIN = Instant.parse("2027-03-28T00:00:00Z");
    static final int SPAN = 200;

    static Instant minute(int m) {
        return ORIGIN.plus(Duration.ofMinutes(m));
    }

    static Interval interval(int from, int to) {
        return new Interval(minute(from), minute(to));
    }

    static boolean covers(List<Interval> intervals, int minute) {
        Interval cell = interval(minute, minute + 1);
        return intervals.stream().anyMatch(i -> i.contains(cell));
    }

    /** Sorted, and each ends strictly before the next starts (so neither overlapping nor touching). */
    static void assertSortedAndDisjoint(List<Interval> intervals) {
        for (int k = 1; k < intervals.size(); k++) {
            assertTrue(intervals.get(k).start().isAfter(intervals.get(k - 1).end()), intervals::toString);
        }
    }

    static void assertCoversExactly(List<Interval> result, IntPredicate expected) {
        for (int m = -1; m <= SPAN + 1; m++) {
            assertEquals(expected.test(m), covers(result, m), "minute " + m + " in " + result);
        }
    }

    @Provide
    Arbitrary<List<Interval>> intervals() {
        Arbitrary<Integer> start = Arbitraries.integers().between(0, SPAN - 1);
        Arbitrary<Integer> length = Arbitraries.integers().between(1, 60);
        return Combinators.combine(start, length).as((s, l) -> interval(s, Math.min(SPAN, s + l)))
                .list().ofMaxSize(8);
    }

    @Property(tries = 300)
    void mergeJoinsOverlappingAndTouchingIntervals(@ForAll("intervals") List<Interval> input) {
        List<Interval> merged = Interval.merge(input);
        assertSortedAndDisjoint(merged);
        assertCoversExactly(merged, m -> covers(input, m));
    }

    @Property(tries = 300)
    void subtractLeavesExactlyTheBaseMinusTheHoles(@ForAll("intervals") List<Interval> base,
                                                   @ForAll("intervals") List<Interval> holes) {
        List<Interval> rest = Interval.subtract(base, holes);
        assertSortedAndDisjoint(rest);
        List<Interval> mergedBase = Interval.merge(base);
        assertTrue(rest.stream().allMatch(r -> mergedBase.stream().anyMatch(b -> b.contains(r))), rest::toString);
        assertTrue(rest.stream().noneMatch(r -> holes.stream().anyMatch(r::overlaps)), rest::toString);
        assertCoversExactly(rest, m -> covers(base, m) && !covers(holes, m));
    }

    @Property(tries = 300)
    void clipKeepsExactlyThePartsInsideTheWindow(@ForAll("intervals") List<Interval> input,
                                                 @ForAll @IntRange(min = 0, max = SPAN) int from,
                                                 @ForAll @IntRange(min = 0, max = SPAN) int length) {
        int to = Math.min(SPAN, from + length);
        List<Interval> clipped = Interval.clip(Interval.merge(input), minute(from), minute(to));
        assertSortedAndDisjoint(clipped);
        assertTrue(clipped.stream().allMatch(c -> !c.start().isBefore(minute(from)) && !c.end().isAfter(minute(to))),
                clipped::toString);
        assertCoversExactly(clipped, m -> covers(input, m) && m >= from && m < to);
    }

    @Test
    void anIntervalIsHalfOpen() {
        Interval morning = interval(0, 60);
        assertTrue(morning.contains(minute(0)));
        assertFalse(morning.contains(minute(60)));
        assertFalse(morning.overlaps(interval(60, 120)), "back to back is no overlap");
        assertTrue(morning.overlaps(interval(59, 120)));
        assertEquals(Duration.ofHours(1), morning.duration());
    }

    @Test
    void anIntervalMustEndAfterItStarts() {
        assertThrows(IllegalArgumentException.class, () -> interval(10, 10));
        assertThrows(IllegalArgumentException.class, () -> interval(10, 5));
    }

    @Test
    void subtractingSplitsAndTrims() {
        assertEquals(List.of(interval(0, 10), interval(20, 30), interval(40, 60)),
                Interval.subtract(List.of(interval(0, 60)), List.of(interval(10, 20), interval(35, 40), interval(30, 35))));
        assertEquals(List.of(), Interval.subtract(List.of(interval(0, 60)), List.of(interval(-10, 70))));
    }
}

package no.katapult.booking.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A half-open period [start, end) on the time line. Local time only matters when one is displayed. */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("An interval must end after it starts");
        }
    }

    public boolean contains(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    /** Sorts and joins intervals that overlap or touch. */
    public static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::start));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            if (!merged.isEmpty() && !next.start.isAfter(merged.get(merged.size() - 1).end)) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.start, next.end.isAfter(last.end) ? next.end : last.end));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** The parts of {@code base} not covered by any of {@code holes}. */
    public static List<Interval> subtract(List<Interval> base, List<Interval> holes) {
        List<Interval> result = new ArrayList<>();
        List<Interval> mergedHoles = merge(holes);
        for (Interval piece : merge(base)) {
            Instant cursor = piece.start;
            for (Interval hole : mergedHoles) {
                if (!hole.end.isAfter(cursor) || !hole.start.isBefore(piece.end)) {
                    continue;
                }
                if (hole.start.isAfter(cursor)) {
                    result.add(new Interval(cursor, hole.start));
                }
                cursor = hole.end;
                if (!cursor.isBefore(piece.end)) {
                    break;
                }
            }
            if (cursor.isBefore(piece.end)) {
                result.add(new Interval(cursor, piece.end));
            }
        }
        return result;
    }

    /** The parts of {@code intervals} inside [from, to). */
    public static List<Interval> clip(List<Interval> intervals, Instant from, Instant to) {
        List<Interval> result = new ArrayList<>();
        for (Interval i : intervals) {
            Instant s = i.start.isAfter(from) ? i.start : from;
            Instant e = i.end.isBefore(to) ? i.end : to;
            if (e.isAfter(s)) {
                result.add(new Interval(s, e));
            }
        }
        return result;
    }
}

package no.katapult.registry.facility;

import no.katapult.common.problem.FieldErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Weekly opening hours: per weekday, zero or more half-open intervals of local time. Times stay
 * wall-clock strings ("08:00", "24:00") rather than instants, so a DST change never moves them;
 * facility-booking resolves them in Europe/Oslo for each date.
 */
public final class OpeningHours {

    private static final Pattern TIME = Pattern.compile("^([01][0-9]|2[0-3]):([0-5][0-9])$");
    static final int END_OF_DAY = 24 * 60;

    private OpeningHours() {
    }

    /**
     * Validates the client's map and returns it normalised: weekdays in order MONDAY..SUNDAY, days
     * without intervals left out (missing means closed), intervals sorted by start.
     */
    public static Map<String, List<TimeInterval>> normalise(Map<String, List<TimeInterval>> in, FieldErrors errors) {
        Map<DayOfWeek, List<TimeInterval>> byDay = new EnumMap<>(DayOfWeek.class);
        if (in == null) {
            return new LinkedHashMap<>();
        }
        for (Map.Entry<String, List<TimeInterval>> e : in.entrySet()) {
            String field = "openingHours." + e.getKey();
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(e.getKey().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                errors.add(field, "must be a weekday: MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY or SUNDAY");
                continue;
            }
            field = "openingHours." + day.name();
            List<TimeInterval> intervals = e.getValue() == null ? List.of() : e.getValue();
            if (intervals.size() > 48) {
                errors.add(field, "must have at most 48 intervals");
                continue;
            }
            List<int[]> parsed = new ArrayList<>();
            for (int i = 0; i < intervals.size(); i++) {
                String at = field + "[" + i + "]";
                TimeInterval t = intervals.get(i);
                if (t == null) {
                    errors.add(at, "must not be null");
                    continue;
                }
                Integer from = minutes(t.from(), false, at + ".from", errors);
                Integer to = minutes(t.to(), true, at + ".to", errors);
                if (from == null || to == null) {
                    continue;
                }
                if (from >= to) {
                    errors.add(at + ".to", "must be after from (" + t.from() + ")");
                    continue;
                }
                parsed.add(new int[]{from, to, i});
            }
            parsed.sort(Comparator.comparingInt(a -> a[0]));
            for (int k = 1; k < parsed.size(); k++) {
                int[] previous = parsed.get(k - 1);
                int[] current = parsed.get(k);
                if (current[0] < previous[1]) {
                    errors.add(field + "[" + current[2] + "]", "overlaps " + field + "[" + previous[2] + "]");
                }
            }
            List<TimeInterval> sorted = byDay.computeIfAbsent(day, d -> new ArrayList<>());
            for (int[] p : parsed) {
                sorted.add(new TimeInterval(format(p[0]), format(p[1])));
            }
            sorted.sort(Comparator.comparing(TimeInterval::from));
        }
        Map<String, List<TimeInterval>> out = new LinkedHashMap<>();
        byDay.forEach((day, intervals) -> {
            if (!intervals.isEmpty()) {
                out.put(day.name(), List.copyOf(intervals));
            }
        });
        return out;
    }

    /** The stored map in week order: jsonb keeps object keys in its own order, not ours. */
    public static Map<String, List<TimeInterval>> inWeekOrder(Map<String, List<TimeInterval>> stored) {
        Map<String, List<TimeInterval>> out = new LinkedHashMap<>();
        if (stored != null) {
            for (DayOfWeek day : DayOfWeek.values()) {
                List<TimeInterval> intervals = stored.get(day.name());
                if (intervals != null && !intervals.isEmpty()) {
                    out.put(day.name(), List.copyOf(intervals));
                }
            }
        }
        return out;
    }

    private static Integer minutes(String value, boolean end, String field, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "must not be blank");
            return null;
        }
        if (end && value.equals("24:00")) {
            return END_OF_DAY;
        }
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            errors.add(field, end ? "must be a local time HH:MM from 00:01 to 24:00" : "must be a local time HH:MM from 00:00 to 23:59");
            return null;
        }
        return Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
    }

    private static String format(int minutes) {
        return String.format(Locale.ROOT, "%02d:%02d", minutes / 60, minutes % 60);
    }

    /** For the OpenAPI document only: the map's possible keys. A missing weekday means closed. */
    @Schema(name = "OpeningHours", description = "Per weekday, zero or more intervals in local time (Europe/Oslo). "
            + "A weekday that is missing is closed. Intervals of a day must not overlap.",
            examples = "{\"MONDAY\": [{\"from\": \"08:00\", \"to\": \"16:00\"}], \"FRIDAY\": [{\"from\": \"08:00\", \"to\": \"12:00\"}, {\"from\": \"13:00\", \"to\": \"24:00\"}]}")
    public record Document(List<TimeInterval> MONDAY, List<TimeInterval> TUESDAY, List<TimeInterval> WEDNESDAY,
                          List<TimeInterval> THURSDAY, List<TimeInterval> FRIDAY, List<TimeInterval> SATURDAY,
                          List<TimeInterval> SUNDAY) {
    }
}

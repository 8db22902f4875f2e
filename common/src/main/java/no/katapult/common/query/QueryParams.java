package no.katapult.common.query;

import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.pagination.PageParams;
import no.katapult.common.pagination.PageRequest;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.time.Clocks;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Query and path parameters taken as strings and parsed here, so that a bad value is a 400 naming the
 * parameter (JAX-RS answers 404 for a query parameter it cannot convert) and every bad parameter of a
 * request is listed at once. Use one instance per request: parse each value, then call {@link #done()}.
 * A missing or blank value is null; {@code required*} variants report it instead.
 */
public final class QueryParams {

    /** Longest free-text value accepted (search terms, codes). */
    public static final int MAX_TEXT_LENGTH = 200;

    private final FieldErrors errors = new FieldErrors();

    /** page (0..MAX_PAGE, default 0) and size (1.., capped at 100, default 20). */
    public PageRequest page(PageParams params) {
        int page = integer("page", params.page, 0, PageRequest.MAX_PAGE, 0);
        int size = integer("size", params.size, 1, Integer.MAX_VALUE, PageRequest.DEFAULT_SIZE);
        return new PageRequest(page, size);
    }

    /** A whole number in [min, max]; {@code fallback} when absent or bad (a bad value is reported). */
    public int integer(String name, String value, int min, int max, int fallback) {
        if (isBlank(value)) {
            return fallback;
        }
        String v = value.strip();
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException e) {
            if (v.matches("[+-]?\\d+")) {
                // All digits yet not a long: far out of range, not a type error.
                error(name, range(min, max));
                return fallback;
            }
            error(name, "must be a whole number, " + range(min, max).substring("must be ".length()));
            return fallback;
        }
        error(name, range(min, max));
        return fallback;
    }

    private static String range(int min, int max) {
        return max == Integer.MAX_VALUE ? "must be " + min + " or more" : "must be from " + min + " to " + max;
    }

    public <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (isBlank(value)) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(v)) {
                return constant;
            }
        }
        error(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        return null;
    }

    public <E extends Enum<E>> E requiredEnum(String name, String value, Class<E> type) {
        return required(name, value) ? enumValue(name, value, type) : null;
    }

    public UUID uuid(String name, String value) {
        // UUID.fromString accepts short groups such as "1-1-1-1-1"; only the canonical form is an id here.
        return parsed(name, value, "must be a UUID", v -> {
            if (v.length() != 36) {
                throw new IllegalArgumentException("not canonical");
            }
            return UUID.fromString(v);
        });
    }

    public UUID requiredUuid(String name, String value) {
        return required(name, value) ? uuid(name, value) : null;
    }

    /** An RFC 3339 timestamp with offset, e.g. 2027-03-28T00:00:00+01:00. */
    public OffsetDateTime timestamp(String name, String value) {
        return parsed(name, value, "must be an RFC 3339 timestamp with offset, e.g. 2027-03-28T00:00:00+01:00",
                v -> fourDigitYear(OffsetDateTime.parse(v)));
    }

    public OffsetDateTime requiredTimestamp(String name, String value) {
        return required(name, value) ? timestamp(name, value) : null;
    }

    /** A calendar date, YYYY-MM-DD; a date that does not exist (2027-02-30) is refused. */
    public LocalDate date(String name, String value) {
        return parsed(name, value, "must be a date, YYYY-MM-DD", v -> fourDigitYear(LocalDate.parse(v)));
    }

    /**
     * A bound given as an RFC 3339 timestamp, or as a date meaning the start of that Europe/Oslo day; as an
     * upper bound ({@code upper}) a date includes its whole day.
     */
    public OffsetDateTime timestampOrDate(String name, String value, boolean upper) {
        return parsed(name, value, "must be a date (YYYY-MM-DD) or an RFC 3339 timestamp", v -> {
            if (v.length() != 10) {
                return fourDigitYear(OffsetDateTime.parse(v));
            }
            LocalDate day = fourDigitYear(LocalDate.parse(v));
            return (upper ? day.plusDays(1) : day).atStartOfDay(Clocks.OSLO).toOffsetDateTime();
        });
    }

    /** The stripped value through {@code parse}; null when blank, or when {@code parse} throws, reported as {@code message}. */
    private <T> T parsed(String name, String value, String message, Function<String, T> parse) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return parse.apply(value.strip());
        } catch (DateTimeException | IllegalArgumentException e) {
            error(name, message);
            return null;
        }
    }

    /**
     * RFC 3339 years have four digits; java.time also reads "+999999999-12-31", which PostgreSQL cannot store
     * (a 500 once it got there), so such a value is refused as a malformed one.
     */
    private static <T extends java.time.temporal.TemporalAccessor> T fourDigitYear(T value) {
        int year = value.get(java.time.temporal.ChronoField.YEAR);
        if (year < 0 || year > 9999) {
            throw new DateTimeException("year " + year + " has more than four digits");
        }
        return value;
    }

    /** A Norwegian organisation number: nine digits with a valid MOD11 check digit. */
    public String orgNo(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        String v = value.strip();
        if (!OrgNumbers.isValid(v)) {
            error(name, "must be a valid Norwegian organisation number (nine digits, MOD11)");
            return null;
        }
        return v;
    }

    /** Free text: at most MAX_TEXT_LENGTH characters and no control characters (PostgreSQL refuses NUL). */
    public String text(String name, String value) {
        return text(name, value, MAX_TEXT_LENGTH);
    }

    public String text(String name, String value, int maxLength) {
        if (isBlank(value)) {
            return null;
        }
        String v = value.strip();
        if (v.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        if (v.chars().anyMatch(QueryParams::isControl)) {
            error(name, "must not contain control characters");
            return null;
        }
        return v;
    }

    public Boolean bool(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                error(name, "must be true or false");
                yield null;
            }
        };
    }

    /** Reports a rule between parameters, e.g. ("to", "must be after from"). */
    public void error(String name, String message) {
        errors.add(name, message);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws the 400 listing every bad parameter, if there was one. */
    public void done() {
        errors.throwIfAny();
    }

    private boolean required(String name, String value) {
        if (isBlank(value)) {
            error(name, "is required");
            return false;
        }
        return true;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isControl(int c) {
        return (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }
}

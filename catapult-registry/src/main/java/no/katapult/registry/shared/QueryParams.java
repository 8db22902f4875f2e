package no.katapult.registry.shared;

import no.katapult.common.pagination.PageRequest;

import java.util.Arrays;
import java.util.UUID;

/**
 * Query parameters taken as strings and parsed here, so that a bad value is a 400 naming the
 * parameter (JAX-RS would answer 404 for a query parameter it cannot convert), and so that every
 * bad parameter of a request is listed at once.
 */
public final class QueryParams {

    public static final int MAX_QUERY_LENGTH = 200;

    private final FieldErrors errors = new FieldErrors();

    /** The page asked for; a bad page or size is reported and the defaults are used meanwhile. */
    public PageRequest page(PageParams params) {
        int page = wholeNumber("page", params.page, 0, 0);
        int size = wholeNumber("size", params.size, PageRequest.DEFAULT_SIZE, 1);
        return new PageRequest(page, size);
    }

    private int wholeNumber(String name, String value, int defaultValue, int min) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(name, "must be a whole number, " + min + " or more");
        return defaultValue;
    }

    public <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    public UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(name, "must be a UUID");
            return null;
        }
    }

    public String text(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_QUERY_LENGTH) {
            errors.add(name, "must be at most " + MAX_QUERY_LENGTH + " characters");
            return null;
        }
        return value.strip();
    }

    public Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> {
                errors.add(name, "must be true or false");
                yield null;
            }
        };
    }

    /** Throws the 400 if any parameter was bad. */
    public void done() {
        errors.throwIfAny();
    }
}

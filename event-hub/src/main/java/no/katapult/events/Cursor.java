package no.katapult.events;

import no.katapult.common.query.QueryParams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The feed's opaque cursor: base64url of "v1:<position>". Opaque, so that the hub may change what it holds
 * (the version prefix says how to read it); strict, so that a cursor the hub never gave out is a 400.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";
    /** Far above any real cursor (base64 of "v1:" and 19 digits is 30 characters). */
    private static final int MAX_LENGTH = 64;

    private Cursor() {
    }

    public static String of(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("A position is never negative");
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor stands for; IllegalArgumentException for anything the hub did not write. */
    public static long position(String cursor) {
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("not a cursor");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
        if (!text.startsWith(PREFIX) || !text.substring(PREFIX.length()).matches("0|[1-9]\\d{0,18}")) {
            throw new IllegalArgumentException("not a cursor");
        }
        try {
            return Long.parseLong(text.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }

    /** A cursor parameter: 0 (the oldest retained event) when absent; a bad one is reported under {@code name}. */
    public static long parse(QueryParams params, String name, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return position(value.strip());
        } catch (IllegalArgumentException e) {
            params.error(name, "must be a cursor this feed gave out (the next of an earlier answer)");
            return 0;
        }
    }
}

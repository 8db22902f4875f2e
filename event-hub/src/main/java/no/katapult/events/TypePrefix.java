package no.katapult.events;

import java.util.regex.Pattern;

/** An event type prefix as a filter takes it, e.g. "no.katapult.booking." or "no.katapult.application.decided". */
public final class TypePrefix {

    public static final int MAX_LENGTH = 200;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The rule in words, for problems and the contract. */
    public static final String RULE = "must be an event type or its prefix: letters, digits, '.', '_' and '-', "
            + "at most " + MAX_LENGTH + " characters, e.g. no.katapult.booking.";

    private TypePrefix() {
    }

    public static boolean isValid(String prefix) {
        return prefix != null && prefix.length() <= MAX_LENGTH && SHAPE.matcher(prefix).matches();
    }
}

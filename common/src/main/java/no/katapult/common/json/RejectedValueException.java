package no.katapult.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON value that is well-formed and of the right type, yet refused before it reaches a service: a NUL
 * character, a year past RFC 3339's four digits, an array longer than any request needs. The message is meant
 * for the client; the problem mappers put it in {@code errors} under the value's JSON path.
 */
public class RejectedValueException extends MismatchedInputException {

    public RejectedValueException(JsonParser p, String message, Class<?> targetType) {
        super(p, message, targetType);
    }
}

package no.katapult.client;

import java.util.Optional;

/**
 * A request that gave no usable answer: no connection, a token the OIDC provider refused, or a status other than
 * the expected one ({@link Answer#expect}). The message names the request and, where there was one, the answer.
 */
public class ApiException extends RuntimeException {

    private final transient Answer answer;

    public ApiException(String message, Answer answer) {
        super(message);
        this.answer = answer;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.answer = null;
    }

    /** The answer that was not the expected one; empty when there was no answer at all. */
    public Optional<Answer> answer() {
        return Optional.ofNullable(answer);
    }
}

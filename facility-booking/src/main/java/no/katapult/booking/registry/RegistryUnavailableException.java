package no.katapult.booking.registry;

/** The registry could not answer: refused, timed out, 5xx or an unreadable body. Counts against the circuit breaker. */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}

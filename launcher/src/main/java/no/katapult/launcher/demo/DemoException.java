package no.katapult.launcher.demo;

/** A demo step the API refused: carries the request, the HTTP status and the problem body. */
public class DemoException extends RuntimeException {
    public DemoException(String message) {
        super(message);
    }
}

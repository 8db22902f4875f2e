package no.katapult.gateway.resilience;

/** Why a request could not be answered by its service. Carries no stack trace: it is an expected outcome. */
public final class UpstreamException extends RuntimeException {

    public enum Kind {
        /** No connection could be made (refused, unresolvable, no free connection in time): 503. */
        UNREACHABLE(true),
        /** The service stayed silent past the route's timeout: 504. */
        TIMEOUT(true),
        /** The connection broke before a response arrived: 502. */
        BROKEN(true),
        /** The service answered 5xx: passed on to the client as it is, and counted as the service failing. */
        SERVER_ERROR(true),
        /** The client stopped sending its body and the exchange timed out waiting for it: 408, the client's fault. */
        CLIENT_TOO_SLOW(false),
        /** The client's body exceeded the limit while streaming: 413, not the service's fault. */
        BODY_TOO_LARGE(false),
        /** The client went away mid-exchange (the proxy then resets the upstream request): nobody to answer. */
        CLIENT_GONE(false);

        private final boolean serviceFailure;

        Kind(boolean serviceFailure) {
            this.serviceFailure = serviceFailure;
        }

        public boolean serviceFailure() {
            return serviceFailure;
        }
    }

    private final Kind kind;
    private final transient Object response;

    public UpstreamException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    private UpstreamException(Kind kind, String message, Throwable cause, Object response) {
        super(message, cause, false, false);
        this.kind = kind;
        this.response = response;
    }

    /** A 5xx answer that is a failure for the breaker, yet is the answer the client gets. */
    public static UpstreamException serverError(int status, Object response) {
        return new UpstreamException(Kind.SERVER_ERROR, "answered " + status, null, response);
    }

    /** The service's own answer for {@link Kind#SERVER_ERROR}, else null. */
    public Object response() {
        return response;
    }

    public Kind kind() {
        return kind;
    }
}

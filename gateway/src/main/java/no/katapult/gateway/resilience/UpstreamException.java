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

    public UpstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

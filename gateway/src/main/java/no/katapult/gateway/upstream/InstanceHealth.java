package no.katapult.gateway.upstream;

/**
 * What the gateway believes about one instance, with hysteresis: an instance that is up goes down only after
 * {@code unhealthyThreshold} failed checks in a row, and comes back only after {@code healthyThreshold} passed
 * ones, so that one lost check does not flap it. The first check decides at once; until then the instance is
 * {@link Status#UNKNOWN} and gets requests. A refused connection on the request path marks it down at once:
 * nothing listens there.
 */
public final class InstanceHealth {

    public enum Status { UNKNOWN, UP, DOWN }

    private final int unhealthyThreshold;
    private final int healthyThreshold;
    private Status status = Status.UNKNOWN;
    private int failures;
    private int successes;
    private String detail = "not checked yet";

    public InstanceHealth(int unhealthyThreshold, int healthyThreshold) {
        if (unhealthyThreshold < 1 || healthyThreshold < 1) {
            throw new IllegalStateException("Health check thresholds must be at least 1");
        }
        this.unhealthyThreshold = unhealthyThreshold;
        this.healthyThreshold = healthyThreshold;
    }

    /** Records one check; returns the status it changed to, or null when it did not change. */
    public synchronized Status checked(boolean passed, String detail) {
        this.detail = detail;
        if (passed) {
            successes++;
            failures = 0;
            return status == Status.UNKNOWN || status == Status.DOWN && successes >= healthyThreshold
                    ? change(Status.UP) : null;
        }
        failures++;
        successes = 0;
        return status == Status.UNKNOWN || status == Status.UP && failures >= unhealthyThreshold
                ? change(Status.DOWN) : null;
    }

    /** A connection to the instance was refused: down at once; the checks bring it back. */
    public synchronized Status refused(String detail) {
        this.detail = detail;
        successes = 0;
        failures = Math.max(failures, unhealthyThreshold);
        return status == Status.DOWN ? null : change(Status.DOWN);
    }

    private Status change(Status to) {
        status = to;
        return to;
    }

    public synchronized Status status() {
        return status;
    }

    /** Whether requests may go there: up, or not checked yet. */
    public synchronized boolean routable() {
        return status != Status.DOWN;
    }

    /** The outcome of the last check or refusal, e.g. "HTTP 200" or "Connection refused". */
    public synchronized String detail() {
        return detail;
    }

    /** Failed checks in a row, or passed ones: what the next change waits for. */
    public synchronized String streak() {
        return failures > 0 ? failures + " failed in a row" : successes + " passed in a row";
    }
}

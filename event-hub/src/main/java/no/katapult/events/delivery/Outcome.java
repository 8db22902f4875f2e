package no.katapult.events.delivery;

/** What one attempt came to, as the attempt log shows it. */
public enum Outcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** It failed; the next attempt is scheduled (nextRetryAt). */
    RETRYING,
    /** It failed and was the last attempt: the event is dead-lettered, and a replay can send it again. */
    DEAD,
    /** The receiver answered 410 Gone: the subscription is disabled. */
    GONE
}

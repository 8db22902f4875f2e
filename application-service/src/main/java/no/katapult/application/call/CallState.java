package no.katapult.application.call;

/** Derived from the clock: a call is open from opensAt (inclusive) to closesAt (exclusive). */
public enum CallState {
    UPCOMING, OPEN, CLOSED
}

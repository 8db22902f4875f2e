package no.katapult.booking.rules;

import java.time.LocalDate;

/** Days a facility is closed: inclusive local dates, from the start of {@code from} to the end of {@code to}. */
public record Closure(LocalDate from, LocalDate to, String reason) {

    /** A closure without both dates, or ending before it starts, closes nothing. */
    public boolean isValid() {
        return from != null && to != null && !to.isBefore(from);
    }
}

package no.katapult.booking.rules;

/** One opening interval of a weekday: local times "HH:MM" in Europe/Oslo; "24:00" may end a day. */
public record OpeningInterval(String from, String to) {
}

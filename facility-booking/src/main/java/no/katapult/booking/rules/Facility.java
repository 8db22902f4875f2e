package no.katapult.booking.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What bookings need of a facility: who it is, where, when it opens (weekday name to intervals, local
 * Europe/Oslo times), when it is closed, its booking rules, and the active equipment items it holds.
 */
public record Facility(UUID id, String name, String address, Map<String, List<OpeningInterval>> openingHours,
                       List<Closure> closures, BookingRules bookingRules, List<UUID> items) {

    public Facility {
        openingHours = openingHours == null ? Map.of() : openingHours;
        closures = closures == null ? List.of() : closures.stream().filter(Objects::nonNull).toList();
        bookingRules = bookingRules == null ? BookingRules.NONE : bookingRules;
        items = items == null ? List.of() : items.stream().filter(Objects::nonNull).distinct().toList();
    }
}

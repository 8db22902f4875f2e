package no.katapult.booking.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import no.katapult.common.money.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A facility as catapult-registry describes it (only the members bookings use). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryFacility(
        UUID id,
        UUID centreId,
        String centreCode,
        String name,
        String type,
        Address address,
        Map<String, List<OpeningInterval>> openingHours,
        List<Closure> closures,
        BookingRules bookingRules,
        Money standardPrice,
        Money smePrice,
        Boolean bookable,
        Boolean active,
        Long version) {

    /** Local times "HH:MM"; "24:00" may end a day. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OpeningInterval(String from, String to) {
    }

    /** Inclusive local dates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Closure(LocalDate from, LocalDate to, String reason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String street, String postcode, String municipality, String county) {
        public String oneLine() {
            String place = String.join(" ", java.util.stream.Stream.of(postcode, municipality)
                    .filter(x -> x != null && !x.isBlank()).toList());
            return String.join(", ", java.util.stream.Stream.of(street, place)
                    .filter(x -> x != null && !x.isBlank()).toList());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BookingRules(
            Integer minDurationMinutes,
            Integer maxDurationMinutes,
            Integer slotGranularityMinutes,
            Integer leadTimeHours,
            Integer horizonDays,
            Integer bufferMinutes,
            Boolean requiresApproval,
            Integer freeCancellationNoticeHours) {
    }

    public boolean isBookable() {
        return !Boolean.FALSE.equals(bookable);
    }

    public boolean isActive() {
        return !Boolean.FALSE.equals(active);
    }
}

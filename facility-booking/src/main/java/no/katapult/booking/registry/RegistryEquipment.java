package no.katapult.booking.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import no.katapult.common.money.Money;

import java.util.UUID;

/** An equipment item as catapult-registry describes it. Without own prices it uses its facility's. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryEquipment(
        UUID id,
        UUID facilityId,
        String name,
        String category,
        Boolean bookable,
        Boolean active,
        Money standardPrice,
        Money smePrice,
        Long version) {

    public boolean isBookable() {
        return !Boolean.FALSE.equals(bookable);
    }

    public boolean isActive() {
        return !Boolean.FALSE.equals(active);
    }
}

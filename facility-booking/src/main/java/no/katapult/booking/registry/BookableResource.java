package no.katapult.booking.registry;

import no.katapult.booking.booking.ResourceType;
import no.katapult.common.money.Money;

import java.util.UUID;

/**
 * A facility or equipment item resolved against the registry, with the facility whose opening hours
 * and booking rules apply to it and the hourly prices it is booked at.
 */
public record BookableResource(
        ResourceType type,
        UUID resourceId,
        String resourceName,
        RegistryFacility facility,
        String centreCode,
        Money standardPrice,
        Money smePrice,
        boolean bookable,
        boolean active) {

    public String location() {
        String address = facility.address() == null ? "" : facility.address().oneLine();
        String name = facility.name() == null ? "" : facility.name();
        return address.isEmpty() ? name : name + ", " + address;
    }
}

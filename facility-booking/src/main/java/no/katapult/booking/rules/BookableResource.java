package no.katapult.booking.rules;

import no.katapult.common.money.Money;

import java.util.List;
import java.util.UUID;

/**
 * A facility or equipment item as it is booked: the facility whose opening hours and booking rules apply
 * to it, its centre, and the hourly prices it is booked at.
 */
public record BookableResource(
        ResourceType type,
        UUID resourceId,
        String resourceName,
        Facility facility,
        String centreCode,
        Money standardPrice,
        Money smePrice,
        boolean bookable,
        boolean active) {

    /**
     * The equipment items a booking of this resource holds: the item itself, or every active item of the
     * facility as the registry describes it now.
     */
    public List<UUID> claimedItems() {
        return type == ResourceType.FACILITY ? facility.items() : List.of(resourceId);
    }

    /** The facility's name and address on one line, for calendar entries. */
    public String location() {
        String address = facility.address() == null ? "" : facility.address();
        String name = facility.name() == null ? "" : facility.name();
        return address.isEmpty() ? name : name + ", " + address;
    }
}

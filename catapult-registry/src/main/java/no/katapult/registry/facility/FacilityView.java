package no.katapult.registry.facility;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import no.katapult.common.money.Money;
import no.katapult.registry.Address;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

@Schema(name = "Facility", extensions = @Extension(name = "x-event-data", value = "true", parseValue = true), description = "A facility of a centre, with its equipment")
@JsonPropertyOrder({"id", "centreId", "centreCode", "name", "type", "description", "capabilities", "capacity", "address",
        "openingHours", "closures", "bookingRules", "standardPrice", "smePrice", "bookable", "active", "equipment",
        "version"})
public record FacilityView(
        UUID id,
        UUID centreId,
        @Schema(description = "Code of the centre, for convenience (the operators' centre_code)", examples = "digicat")
        String centreCode,
        String name,
        FacilityType type,
        String description,
        List<String> capabilities,
        @Schema(description = "Capacity in persons") Integer capacity,
        @Schema(description = "Site address, or null (then the centre's address applies)") Address address,
        @Schema(implementation = OpeningHours.Document.class) Map<String, List<TimeInterval>> openingHours,
        List<Closure> closures,
        BookingRules bookingRules,
        @Schema(description = "Price per hour") Money standardPrice,
        @Schema(description = "Price per hour for SMEs") Money smePrice,
        boolean bookable,
        boolean active,
        @Schema(description = "Its equipment items, ordered by name") List<EquipmentView> equipment,
        @Schema(description = "Optimistic-lock version of the facility's own fields; the ETag is this number in quotes",
                examples = "0") long version) {

    static FacilityView of(Facility f, String centreCode, List<EquipmentView> equipment) {
        return new FacilityView(f.id, f.centreId, centreCode, f.name, f.type, f.description, List.copyOf(f.capabilities),
                f.capacity, f.address(), OpeningHours.inWeekOrder(f.openingHours), List.copyOf(f.closures), f.bookingRules(),
                Money.nok(f.standardPrice), Money.nok(f.smePrice), f.bookable, f.active, equipment, f.version);
    }
}

package no.katapult.registry.facility;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import no.katapult.registry.Address;
import no.katapult.common.problem.FieldErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a client sends to create or replace a facility. Read-only members (id, equipment, version) are ignored. */
@Schema(name = "FacilityRequest")
public record FacilityRequest(
        @NotNull @Schema(required = true) UUID centreId,
        @NotBlank @Size(max = 200) @Schema(examples = "Additiv tilvirkningslab", required = true) String name,
        @NotNull @Schema(required = true) FacilityType type,
        @Size(max = 10_000) String description,
        @Size(max = 50) @Schema(examples = "[\"additive-manufacturing\", \"metal\"]")
        List<@NotBlank @Size(max = 60) String> capabilities,
        @Min(1) @Max(100_000) @Schema(description = "Capacity in persons", examples = "8") Integer capacity,
        @Valid @Schema(description = "Site address; when absent the centre's county applies to filters") Address address,
        @Schema(implementation = OpeningHours.Document.class) Map<String, List<TimeInterval>> openingHours,
        @Size(max = 500) List<@NotNull @Valid Closure> closures,
        @NotNull @Valid @Schema(required = true) BookingRules bookingRules,
        @NotNull @Valid @Schema(required = true, description = "Price per hour") Money standardPrice,
        @NotNull @Valid @Schema(required = true, description = "Price per hour for SMEs; at most standardPrice") Money smePrice,
        @NotNull @Schema(required = true) Boolean bookable,
        @NotNull @Schema(required = true) Boolean active) {

    /** Bean Validation plus the cross-field rules; returns the normalised opening hours. */
    Map<String, List<TimeInterval>> check(FieldErrors errors) {
        Map<String, List<TimeInterval>> hours = OpeningHours.normalise(openingHours, errors);
        if (closures != null) {
            for (int i = 0; i < closures.size(); i++) {
                Closure c = closures.get(i);
                if (c != null && c.from() != null && c.to() != null && c.to().isBefore(c.from())) {
                    errors.add("closures[" + i + "].to", "must not be before from (" + c.from() + ")");
                }
            }
        }
        if (bookingRules != null) {
            bookingRules.check("bookingRules", errors);
        }
        Prices.check(standardPrice, smePrice, errors);
        return hours;
    }
}

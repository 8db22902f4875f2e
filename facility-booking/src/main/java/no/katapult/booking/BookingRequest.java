package no.katapult.booking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.booking.rules.ResourceType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.UUID;

@Schema(name = "BookingRequest", description = "A request to book a facility or one equipment item for a half-open period [start, end)")
public record BookingRequest(
        @NotNull @Schema(required = true, examples = "FACILITY") ResourceType resourceType,
        @NotNull @Schema(required = true, examples = "2c1bd0bf-17fe-31fe-87ed-13860dd88583") UUID resourceId,
        @NotNull @Schema(required = true, examples = "2027-03-30T09:00:00+02:00") OffsetDateTime start,
        @NotNull @Schema(required = true, examples = "2027-03-30T12:00:00+02:00") OffsetDateTime end,
        @NotBlank @Size(max = 2000) @Schema(required = true, examples = "Testing a prototype gearbox housing")
        String purpose) {
}

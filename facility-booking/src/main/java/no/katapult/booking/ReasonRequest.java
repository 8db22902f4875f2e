package no.katapult.booking;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "BookingActionReason", description = "Why a booking is rejected or cancelled")
public record ReasonRequest(
        @NotBlank @Size(max = 2000) @Schema(required = true, examples = "The machine is needed for maintenance") String reason) {
}

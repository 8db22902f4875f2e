package no.katapult.registry.facility;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;

/** Days the facility is closed, both dates included. */
@Schema(name = "Closure", description = "A closure for maintenance or holidays; both dates inclusive, from <= to")
public record Closure(
        @NotNull @Schema(examples = "2026-12-24", required = true) LocalDate from,
        @NotNull @Schema(examples = "2027-01-01", required = true) LocalDate to,
        @NotBlank @Size(max = 500) @Schema(examples = "Juleferie", required = true) String reason) {
}

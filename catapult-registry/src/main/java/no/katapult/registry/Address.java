package no.katapult.registry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A Norwegian postal address. County and municipality are what users filter on. */
@Schema(name = "Address")
public record Address(
        @Size(max = 200) @Schema(examples = "Borgundvegen 340") String street,
        @Pattern(regexp = "\\d{4}", message = "must be four digits") @Schema(examples = "6009") String postcode,
        @NotBlank @Size(max = 100) @Schema(examples = "Ålesund", required = true) String municipality,
        @NotBlank @Size(max = 100) @Schema(examples = "Møre og Romsdal", required = true) String county) {
}

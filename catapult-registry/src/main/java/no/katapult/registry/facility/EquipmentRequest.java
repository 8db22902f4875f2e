package no.katapult.registry.facility;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import no.katapult.common.problem.FieldErrors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/** What a client sends to create or replace an equipment item. Read-only members (id, version) are ignored. */
@Schema(name = "EquipmentRequest")
public record EquipmentRequest(
        @NotNull @Schema(required = true) UUID facilityId,
        @NotBlank @Size(max = 200) @Schema(examples = "Industriell 3D-printer for metall", required = true) String name,
        @NotBlank @Size(max = 100) @Schema(examples = "3d-printer", required = true) String category,
        @Size(max = 200) @Schema(examples = "EOS") String manufacturer,
        @Size(max = 200) @Schema(examples = "M 290") String model,
        @Size(max = 10_000) String description,
        @Size(max = 50) List<@NotBlank @Size(max = 60) String> capabilities,
        @NotNull @Schema(required = true) Boolean bookable,
        @Valid @Schema(description = "Own price per hour; with smePrice, or neither (then the facility's apply)") Money standardPrice,
        @Valid @Schema(description = "Own SME price per hour; with standardPrice, or neither") Money smePrice) {

    void check(FieldErrors errors) {
        if (standardPrice != null && smePrice == null) {
            errors.add("smePrice", "must be given together with standardPrice (or leave out both to use the facility's prices)");
        }
        if (smePrice != null && standardPrice == null) {
            errors.add("standardPrice", "must be given together with smePrice (or leave out both to use the facility's prices)");
        }
        Prices.check(standardPrice, smePrice, errors);
    }
}

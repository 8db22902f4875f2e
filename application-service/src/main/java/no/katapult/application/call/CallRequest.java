package no.katapult.application.call;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.OffsetDateTime;
import java.util.List;

@Schema(name = "CallRequest", description = "A funding call as siva-admin creates or replaces it")
public record CallRequest(
        @NotBlank @Size(max = 300) @Schema(required = true) String title,
        @Size(max = 10000) String description,
        @NotNull @Schema(required = true) CallKind kind,
        @NotNull @Schema(required = true, description = "When the call opens (instant, RFC 3339 with offset)")
        OffsetDateTime opensAt,
        @NotNull @Schema(required = true, description = "The deadline (instant, RFC 3339 with offset); submissions "
                + "at or after it are refused") OffsetDateTime closesAt,
        @NotNull @Valid @Schema(required = true) Money budget,
        @NotNull @Valid @Schema(required = true) Money maxAmountPerApplication,
        @NotEmpty @Size(max = 20) @Schema(required = true) List<@NotNull @Valid Criterion> criteria) {
}

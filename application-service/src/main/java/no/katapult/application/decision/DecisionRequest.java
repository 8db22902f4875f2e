package no.katapult.application.decision;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "DecisionRequest", description = "siva-admin's decision. An approval needs 0 < grantedAmount <= "
        + "requestedAmount, and the call's granted total may never exceed its budget; a rejection grants nothing.")
public record DecisionRequest(
        @NotNull @Schema(required = true) Outcome outcome,
        @Valid @Schema(description = "Required for APPROVED; empty for REJECTED") Money grantedAmount,
        @Size(max = 10000) String conditions,
        @NotBlank @Size(max = 10000) @Schema(required = true) String justification) {
}

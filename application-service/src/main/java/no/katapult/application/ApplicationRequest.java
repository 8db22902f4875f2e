package no.katapult.application;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

@Schema(name = "ApplicationRequest", description = "An application as the lead applicant writes it. The lead is "
        + "always the caller's organisation (token claim org_no): `leadApplicant` and other read-only members in "
        + "the body are ignored. Only `callId` is needed to create a draft; the rest is checked at submit.")
@JsonIgnoreProperties(value = {"leadApplicant", "id", "reference", "status", "decision", "version", "createdAt",
        "updatedAt", "submittedAt", "submittedBy"}, ignoreUnknown = true)
public record ApplicationRequest(
        @Schema(description = "The call; required on create, and cannot change later") UUID callId,
        @Size(max = 300) String title,
        @Size(max = 20000) String summary,
        @Size(max = 200) String focusArea,
        @Valid ContactPerson contactPerson,
        @Size(max = 50) List<@NotNull @Valid ConsortiumPartner> partners,
        @Size(max = 200) List<@NotNull @Valid BudgetLine> budgetLines,
        @Valid Money requestedAmount,
        @Valid @Schema(description = "Defaults to NOK 0") Money ownFunding) {
}

package no.katapult.registry.organisation;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The figures an organisation declares for the EU SME test, for one fiscal year. */
@Schema(name = "SmeDeclaration")
public record SmeDeclaration(
        @NotNull @Min(0) @Max(10_000_000) @Schema(examples = "12", required = true,
                description = "Staff headcount (annual work units)") Integer employees,
        @NotNull @Valid @Schema(required = true, description = "Annual turnover in NOK") Money annualTurnover,
        @NotNull @Valid @Schema(required = true, description = "Balance-sheet total in NOK") Money balanceSheetTotal,
        @NotNull @Min(1900) @Schema(examples = "2025", required = true) Integer fiscalYear,
        @NotNull @Schema(required = true, description = "Has linked or partner enterprises (their figures count in; "
                + "the class is then flagged for manual review)") Boolean hasLinkedEnterprises) {
}

package no.katapult.application;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import no.katapult.common.money.Money;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One line of an application's cost budget; the same shape in requests and views. */
@Schema(name = "BudgetLine")
public record BudgetLine(
        @NotNull @Schema(required = true) BudgetCategory category,
        @Size(max = 500) @Schema(examples = "Prosjektleder, 4 månedsverk") String description,
        @NotNull @Valid @Schema(required = true) Money amount) {

    static BudgetLine of(ApplicationBudgetLine l) {
        return new BudgetLine(l.category, l.description, Money.nok(l.amount));
    }
}

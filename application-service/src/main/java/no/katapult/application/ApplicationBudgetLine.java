package no.katapult.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.math.BigDecimal;

/** A row of application_budget_line: one line of an application's cost budget, in NOK. */
@Embeddable
public class ApplicationBudgetLine {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BudgetCategory category;

    public String description;

    @Column(nullable = false)
    public BigDecimal amount;

    public ApplicationBudgetLine() {
    }

    public ApplicationBudgetLine(BudgetCategory category, String description, BigDecimal amount) {
        this.category = category;
        this.description = description;
        this.amount = amount;
    }
}

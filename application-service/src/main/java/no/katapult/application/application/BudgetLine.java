package no.katapult.application.application;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.math.BigDecimal;

/** One line of an application's cost budget. */
@Embeddable
public class BudgetLine {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BudgetCategory category;

    public String description;

    @Column(nullable = false)
    public BigDecimal amount;

    public BudgetLine() {
    }

    public BudgetLine(BudgetCategory category, String description, BigDecimal amount) {
        this.category = category;
        this.description = description;
        this.amount = amount;
    }
}

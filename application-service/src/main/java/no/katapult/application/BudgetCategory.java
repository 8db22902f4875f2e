package no.katapult.application;

public enum BudgetCategory {
    PERSONNEL, EQUIPMENT, SERVICES, TRAVEL, OTHER
}

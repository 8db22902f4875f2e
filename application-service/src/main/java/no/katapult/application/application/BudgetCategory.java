package no.katapult.application.application;

public enum BudgetCategory {
    PERSONNEL, EQUIPMENT, SERVICES, TRAVEL, OTHER
}

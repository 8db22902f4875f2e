package no.katapult.application;

public enum ApplicationStatus {
    DRAFT, SUBMITTED, UNDER_REVIEW, APPROVED, REJECTED, WITHDRAWN;

    public boolean isDecided() {
        return this == APPROVED || this == REJECTED;
    }
}

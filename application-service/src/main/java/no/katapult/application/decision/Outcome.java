package no.katapult.application.decision;

import no.katapult.application.ApplicationStatus;

public enum Outcome {
    APPROVED, REJECTED;

    public ApplicationStatus status() {
        return ApplicationStatus.valueOf(name());
    }
}

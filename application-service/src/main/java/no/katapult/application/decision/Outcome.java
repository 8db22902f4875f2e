package no.katapult.application.decision;

import no.katapult.application.application.ApplicationStatus;

public enum Outcome {
    APPROVED, REJECTED;

    public ApplicationStatus status() {
        return ApplicationStatus.valueOf(name());
    }
}

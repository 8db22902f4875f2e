package no.katapult.application.review;

public enum Recommendation {
    APPROVE, REJECT, UNSURE
}

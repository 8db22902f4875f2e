package no.katapult.registry.centre;

public enum CentreStatus {
    PRE_PROJECT, ESTABLISHED, PHASED_OUT
}

package no.katapult.registry.centre;

public enum CentreKind {
    NATIONAL_CENTRE, NODE
}

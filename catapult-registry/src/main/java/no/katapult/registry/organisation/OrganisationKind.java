package no.katapult.registry.organisation;

public enum OrganisationKind {
    COMPANY, RESEARCH, CLUSTER, PUBLIC
}

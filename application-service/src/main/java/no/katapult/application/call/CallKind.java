package no.katapult.application.call;

public enum CallKind {
    PRE_PROJECT, CENTRE, NODE
}

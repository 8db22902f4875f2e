package no.katapult.application;

/** What an attached document is; submitting needs at least one PROJECT_DESCRIPTION. */
public enum AttachmentKind {
    PROJECT_DESCRIPTION, BUDGET, LETTER_OF_INTENT, OTHER
}

package no.katapult.application.history;

/** What happened to an application. */
public enum HistoryAction {
    CREATE, EDIT, ADD_ATTACHMENT, DELETE_ATTACHMENT, SUBMIT, ASSIGN_REVIEWERS, CHANGE_REVIEWERS, DECIDE, WITHDRAW
}

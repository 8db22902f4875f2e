package no.katapult.application.reviewer;

import jakarta.inject.Inject;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records what a reviewer's token says whenever they call this service: their org_no, so the conflict-of-interest
 * check knows their employer from the first time they appear, and their e-mail address and locale, so they can be
 * told of an assignment when the pool has neither. Runs on the worker thread of the blocking endpoints (the
 * default for filters), after authentication.
 */
public class ReviewerTokenRecorder {

    @Inject
    Caller caller;

    @Inject
    ReviewerOrganisations organisations;

    @Inject
    ReviewerContacts contacts;

    @ServerRequestFilter
    public void record() {
        if (caller.isAnonymous() || !caller.has(Roles.REVIEWER)) {
            return;
        }
        String username = caller.username();
        caller.orgNo().ifPresent(orgNo -> organisations.recordFromToken(username, orgNo));
        contacts.recordFromToken(username, caller.email().orElse(null), caller.locale().toLanguageTag());
    }
}

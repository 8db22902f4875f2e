package no.katapult.application.review;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import no.katapult.application.security.Caller;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records a reviewer's org_no whenever they call this service with a token, so the conflict-of-interest
 * check knows their employer from the first time they appear. Runs on the worker thread of the blocking
 * endpoints (the default for filters), after authentication.
 */
public class ReviewerTokenRecorder {

    @Inject
    SecurityIdentity identity;

    @Inject
    Caller caller;

    @Inject
    ReviewerOrganisations organisations;

    @ServerRequestFilter
    public void record() {
        if (identity.isAnonymous() || !identity.hasRole(Caller.REVIEWER)) {
            return;
        }
        caller.orgNo().ifPresent(orgNo -> organisations.recordFromToken(caller.username(), orgNo));
    }
}

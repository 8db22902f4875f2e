package no.katapult.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import no.katapult.common.events.Outbox;

import java.util.UUID;

/**
 * The events of an application's life, written to the outbox in the transaction of the change. Each carries
 * the full view (siva-admin, and the lead applicant's organisation); only a decision is public, and partners
 * get the shape they read from the API. Call after the flush, so the view has the version the response has.
 */
@ApplicationScoped
public class ApplicationEvents {

    public static final String SUBMITTED = "no.katapult.application.submitted";
    public static final String DECIDED = "no.katapult.application.decided";
    public static final String WITHDRAWN = "no.katapult.application.withdrawn";

    @Inject
    Outbox outbox;

    /** One subject per application, so all of its events (reviewer assignments too) share one sequence. */
    public static String subject(UUID applicationId) {
        return "applications/" + applicationId;
    }

    public ApplicationView submitted(Application a) {
        return publish(SUBMITTED, a, null);
    }

    public ApplicationView withdrawn(Application a) {
        return publish(WITHDRAWN, a, null);
    }

    public ApplicationView decided(Application a, String callTitle) {
        return publish(DECIDED, a, PublicApplicationView.of(a, callTitle));
    }

    private ApplicationView publish(String type, Application a, PublicApplicationView partnerView) {
        ApplicationView view = ApplicationView.of(a);
        outbox.publish(type, subject(a.id), view, partnerView, a.leadOrgNo);
        return view;
    }
}

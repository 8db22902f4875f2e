package no.katapult.application.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import no.katapult.application.security.Caller;
import no.katapult.common.problem.ProblemException;

import java.util.UUID;

/**
 * Who may see what. An applicant sees applications where their organisation is lead or partner, a
 * reviewer those assigned to them, siva-admin all, and a partner only the public fields of decided
 * ones. Everything else is reported as absent (404), never as forbidden.
 */
@ApplicationScoped
public class ApplicationAccess {

    public enum View { FULL, PUBLIC, NONE }

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    public View viewOf(Application a) {
        if (caller.isAdmin()) {
            return View.FULL;
        }
        if (caller.has(Caller.APPLICANT) && caller.orgNo().map(a::involves).orElse(false)) {
            return View.FULL;
        }
        if (caller.has(Caller.REVIEWER) && isAssigned(a.id, caller.username())) {
            return View.FULL;
        }
        if (caller.has(Caller.PARTNER) && a.status.isDecided()) {
            return View.PUBLIC;
        }
        return View.NONE;
    }

    public boolean isAssigned(UUID applicationId, String reviewer) {
        return !em.createNativeQuery("SELECT 1 FROM review_assignment WHERE application_id = ?1 AND reviewer = ?2")
                .setParameter(1, applicationId).setParameter(2, reviewer).getResultList().isEmpty();
    }

    /** The application if the caller may see all of it, else 404. */
    public Application requireFull(UUID id) {
        Application a = Application.findById(id);
        if (a == null || viewOf(a) != View.FULL) {
            throw notFound(id);
        }
        return a;
    }

    /** As {@link #requireFull}, with the row locked for the rest of the transaction. */
    public Application requireFullLocked(UUID id) {
        Application a = em.find(Application.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || viewOf(a) != View.FULL) {
            throw notFound(id);
        }
        return a;
    }

    /** The application if the caller is its lead applicant; 404 if they may not see it, 403 if only a partner. */
    public Application requireLead(UUID id, boolean lock) {
        Application a = lock ? em.find(Application.class, id, LockModeType.PESSIMISTIC_WRITE) : Application.findById(id);
        if (a == null || viewOf(a) == View.NONE) {
            throw notFound(id);
        }
        if (!caller.has(Caller.APPLICANT) || !caller.orgNo().map(a.leadOrgNo::equals).orElse(false)) {
            throw ProblemException.forbidden("Only the lead applicant's organisation may change this application");
        }
        return a;
    }

    public static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No application " + id);
    }
}

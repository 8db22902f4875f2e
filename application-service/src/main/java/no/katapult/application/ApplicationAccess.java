package no.katapult.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;

import java.util.UUID;

/**
 * Who may see what. An applicant sees applications where their organisation is lead or partner, a
 * reviewer those assigned to them, siva-admin all, and a partner only the public fields of decided
 * ones. Everything else is reported as absent (404), never as forbidden.
 */
@ApplicationScoped
public class ApplicationAccess {

    /** How much of an application the caller may see. */
    public enum Visibility { FULL, PUBLIC, NONE }

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    public Visibility visibilityOf(Application a) {
        if (caller.isAdmin()) {
            return Visibility.FULL;
        }
        if (caller.has(Roles.APPLICANT) && caller.orgNo().map(a::involves).orElse(false)) {
            return Visibility.FULL;
        }
        if (caller.has(Roles.REVIEWER) && isAssigned(a.id, caller.username())) {
            return Visibility.FULL;
        }
        if (caller.has(Roles.PARTNER) && a.status.isDecided()) {
            return Visibility.PUBLIC;
        }
        return Visibility.NONE;
    }

    public boolean isAssigned(UUID applicationId, String reviewer) {
        return !em.createNativeQuery("SELECT 1 FROM review_assignment WHERE application_id = ?1 AND reviewer = ?2")
                .setParameter(1, applicationId).setParameter(2, reviewer).getResultList().isEmpty();
    }

    /** The application if the caller may see all of it, else 404. */
    public Application requireFull(UUID id) {
        Application a = Application.findById(id);
        if (a == null || visibilityOf(a) != Visibility.FULL) {
            throw notFound(id);
        }
        return a;
    }

    /** As {@link #requireFull}, with the row locked for the rest of the transaction. */
    public Application requireFullLocked(UUID id) {
        Application a = em.find(Application.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (a == null || visibilityOf(a) != Visibility.FULL) {
            throw notFound(id);
        }
        return a;
    }

    /** The application if the caller is its lead applicant; 404 if they may not see it, 403 if only a partner. */
    public Application requireLead(UUID id, boolean lock) {
        Application a = lock ? em.find(Application.class, id, LockModeType.PESSIMISTIC_WRITE) : Application.findById(id);
        if (a == null || visibilityOf(a) == Visibility.NONE) {
            throw notFound(id);
        }
        if (!caller.has(Roles.APPLICANT) || !caller.orgNo().map(a.leadOrgNo::equals).orElse(false)) {
            throw ProblemException.forbidden("Only the lead applicant's organisation may change this application");
        }
        return a;
    }

    public static ProblemException notFound(UUID id) {
        return ProblemException.notFound("No application " + id);
    }
}

package no.katapult.registry.organisation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import no.katapult.common.events.Outbox;
import no.katapult.common.http.ETags;
import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.persistence.PersistenceErrors;
import no.katapult.common.problem.FieldErrors;
import no.katapult.common.problem.ProblemException;
import no.katapult.common.security.Caller;
import no.katapult.common.security.Roles;
import no.katapult.common.time.Clocks;
import no.katapult.common.CatapultConfig;

import java.time.Clock;
import java.time.OffsetDateTime;

/** Organisations and their SME declarations; who may see and change which. */
@ApplicationScoped
public class OrganisationService {

    /** Created or replaced: consumers keep the latest state (e.g. the SME class), so one type serves both. */
    static final String UPDATED = "no.katapult.organisation.updated";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Validator validator;

    @Inject
    Caller caller;

    @Inject
    CatapultConfig config;

    @Inject
    Clock clock;

    public record Written(OrganisationView view, long version, boolean created) {
    }

    public record Read(OrganisationView view, long version) {
    }

    @Transactional
    public Read get(String orgNo) {
        if (!OrgNumbers.isValid(orgNo)) {
            throw ProblemException.badRequest("orgNo", OrganisationRequest.INVALID_ORG_NO);
        }
        // Another organisation's record is "not found", whether or not it exists.
        boolean mayRead = caller.isAdmin() || caller.has(Roles.PARTNER) || isOwn(orgNo);
        Organisation o = mayRead ? Organisation.findById(orgNo) : null;
        if (o == null) {
            throw ProblemException.notFound("No organisation " + orgNo);
        }
        return new Read(OrganisationView.of(o, config.eurNokRate()), o.version);
    }

    @Transactional
    public Written put(String orgNo, String ifMatch, OrganisationRequest in) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        FieldErrors errors = new FieldErrors().addAll(validator.validate(in));
        in.check(orgNo, now.atZoneSameInstant(Clocks.OSLO).getYear(), errors);
        errors.throwIfAny();
        boolean mayWrite = caller.isAdmin() || ((caller.has(Roles.SME) || caller.has(Roles.APPLICANT)) && isOwn(orgNo));
        if (!mayWrite) {
            throw ProblemException.forbidden("Only siva-admin, or an sme/applicant user of organisation " + orgNo
                    + ", may change it");
        }
        // Create-or-update of one orgNo runs one at a time (a row lock cannot cover a row that does
        // not exist yet), so concurrent first writes give one 201 and then 200s, never a duplicate key.
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", "organisation:" + orgNo).getSingleResult();
        Organisation o = Organisation.findById(orgNo);
        boolean created = o == null;
        if (created) {
            if (ifMatch != null && !ifMatch.isBlank()) {
                throw ProblemException.preconditionFailed("Organisation " + orgNo + " does not exist yet");
            }
            o = Organisation.create(orgNo);
            o.apply(in, now);
            o.persist();
        } else {
            ETags.check(ifMatch, o.version, false);
            o.apply(in, now);
        }
        PersistenceErrors.flush(em, "conflict", "Organisation " + orgNo + " was created concurrently; retry");
        OrganisationView view = OrganisationView.of(o, config.eurNokRate());
        // Not for partners: a declaration holds an enterprise's own figures.
        outbox.publish(UPDATED, "organisations/" + orgNo, view, null, orgNo);
        return new Written(view, o.version, created);
    }

    private boolean isOwn(String orgNo) {
        return caller.orgNo().filter(orgNo::equals).isPresent();
    }
}

package no.katapult.registry.organisation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import no.katapult.common.http.ETags;
import no.katapult.common.orgno.OrgNumbers;
import no.katapult.common.problem.ProblemException;
import no.katapult.registry.shared.Caller;
import no.katapult.registry.shared.FieldErrors;
import no.katapult.registry.shared.PersistenceErrors;
import no.katapult.registry.shared.RequestValidator;

import java.time.Year;
import java.time.ZoneId;

/** Organisations and their SME declarations; who may see and change which. */
@ApplicationScoped
public class OrganisationService {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Inject
    EntityManager em;

    @Inject
    RequestValidator validator;

    @Inject
    Caller caller;

    @Inject
    SmeConfig config;

    public record Written(OrganisationView view, long version, boolean created) {
    }

    public record Read(OrganisationView view, long version) {
    }

    @Transactional
    public Read get(String orgNo) {
        if (!OrgNumbers.isValid(orgNo)) {
            throw invalidOrgNo();
        }
        // Another organisation's record is "not found", whether or not it exists.
        boolean mayRead = caller.hasRole(Caller.ADMIN) || caller.hasRole(Caller.PARTNER) || orgNo.equals(caller.orgNo());
        Organisation o = mayRead ? Organisation.findById(orgNo) : null;
        if (o == null) {
            throw ProblemException.notFound("No organisation " + orgNo);
        }
        return new Read(OrganisationView.of(o, config.eurNokRate()), o.version);
    }

    @Transactional
    public Written put(String orgNo, String ifMatch, OrganisationInput in) {
        FieldErrors errors = validator.check(in);
        if (!OrgNumbers.isValid(orgNo)) {
            errors.add("orgNo", "must be a valid Norwegian organisation number (nine digits, MOD11)");
        } else if (in.orgNo() != null && !in.orgNo().equals(orgNo)) {
            errors.add("orgNo", "must equal the orgNo in the path (" + orgNo + ")");
        }
        if (in.smeDeclaration() != null && in.smeDeclaration().fiscalYear() != null
                && in.smeDeclaration().fiscalYear() > Year.now(OSLO).getValue()) {
            errors.add("smeDeclaration.fiscalYear", "must not be in the future");
        }
        errors.throwIfAny();
        boolean mayWrite = caller.hasRole(Caller.ADMIN)
                || ((caller.hasRole(Caller.SME) || caller.hasRole(Caller.APPLICANT)) && orgNo.equals(caller.orgNo()));
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
            o.apply(in);
            o.persist();
        } else {
            ETags.check(ifMatch, o.version, false);
            o.apply(in);
        }
        PersistenceErrors.flush(em, "conflict", "Organisation " + orgNo + " was created concurrently; retry");
        return new Written(OrganisationView.of(o, config.eurNokRate()), o.version, created);
    }

    private static ProblemException invalidOrgNo() {
        return ProblemException.badRequest("orgNo", "must be a valid Norwegian organisation number (nine digits, MOD11)");
    }
}

package no.katapult.registry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.validation.Validator;
import no.katapult.common.http.ETags;
import no.katapult.common.events.Outbox;
import no.katapult.common.problem.FieldErrors;

import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/** What every write to the catalogue (centres, facilities, equipment) does alike, before and after its own rules. */
@ApplicationScoped
public class CatalogueWrites {

    @Inject
    Validator validator;

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    /**
     * Claims a client-chosen id for a create (PUT with If-None-Match: *), or answers 412 when the item exists.
     * Creators of one id wait for each other on a transaction lock, so the loser of a race sees the winner's
     * row and gets the 412, not a primary-key violation.
     */
    public void claimId(UUID id, String what, BooleanSupplier exists) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "catalogue-id:" + id).getSingleResult();
        if (exists.getAsBoolean()) {
            throw ETags.exists(what + " " + id);
        }
    }

    /** Bean Validation and the request's own checks together: every broken field is listed in one 400. */
    public void validate(Object request, Consumer<FieldErrors> check) {
        validateAndParse(request, errors -> {
            check.accept(errors);
            return null;
        });
    }

    /** The same, for checks that also return what they parsed from the request. */
    public <T> T validateAndParse(Object request, Function<FieldErrors, T> check) {
        FieldErrors errors = new FieldErrors().addAll(validator.validate(request));
        T parsed = check.apply(errors);
        errors.throwIfAny();
        return parsed;
    }

    /**
     * Publishes the resource's new state in the changing transaction. Call it after the flush, so that the
     * event carries the version the response will; the catalogue is public, so partners see what everyone
     * sees, and the event concerns no organisation.
     */
    public void publish(String type, String subject, Object view) {
        outbox.publish(type, subject, view, view, null);
    }
}

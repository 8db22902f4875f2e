package no.katapult.registry.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

/** Runs Bean Validation on a request body and returns the errors, for the caller to extend. */
@ApplicationScoped
public class RequestValidator {

    @Inject
    Validator validator;

    public FieldErrors check(Object body) {
        return new FieldErrors().addAll(validator.validate(body));
    }
}

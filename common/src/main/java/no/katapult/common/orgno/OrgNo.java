package no.katapult.common.orgno;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** A Norwegian organisation number: nine digits, MOD11 check digit. Null is valid; add @NotNull. */
@Documented
@Constraint(validatedBy = OrgNoValidator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Retention(RUNTIME)
public @interface OrgNo {
    String message() default "must be a valid Norwegian organisation number (nine digits, MOD11)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package no.katapult.common.orgno;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class OrgNoValidator implements ConstraintValidator<OrgNo, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || OrgNumbers.isValid(value);
    }
}

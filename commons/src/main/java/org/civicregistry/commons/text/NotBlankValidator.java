package org.civicregistry.commons.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;

/** {@code @NotBlank} with {@link Blank}'s meaning; installed in place of Hibernate Validator's by {@link BlankRule}. */
public class NotBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        return !Blank.isBlank(value);
    }
}

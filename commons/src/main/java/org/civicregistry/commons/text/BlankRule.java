package org.civicregistry.commons.text;

import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotBlank;

import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;

/**
 * Makes every {@code @NotBlank} use {@link NotBlankValidator}: Hibernate Validator's own trims only
 * ASCII white space, so a value of U+3000 or U+00A0 alone was stored although the document's
 * {@code \S} pattern forbids it.
 */
@Singleton
public class BlankRule implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class)
                .includeExistingValidators(false)
                .validatedBy(NotBlankValidator.class);
        configuration.addMapping(mapping);
    }
}

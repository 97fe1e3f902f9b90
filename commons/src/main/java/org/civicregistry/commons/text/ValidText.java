package org.civicregistry.commons.text;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A {@link LocalizedText} whose keys are language tags and whose texts are not blank nor longer
 * than {@link #max()}; with {@link #required()} at least one language must be present. Null is left
 * to {@code @NotNull}.
 */
@Documented
@Retention(RUNTIME)
@Target({ FIELD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Constraint(validatedBy = ValidTextValidator.class)
public @interface ValidText {

    String message() default "must map language tags (ko, en, ...) to non-blank text";

    boolean required() default true;

    int max() default 500;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

package org.civicregistry.commons.text;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class ValidTextValidator implements ConstraintValidator<ValidText, LocalizedText> {

    /** BCP 47, the shapes this register meets: ko, en, zh-Hans, en-GB. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}");

    private boolean required;
    private int max;

    @Override
    public void initialize(ValidText annotation) {
        required = annotation.required();
        max = annotation.max();
    }

    @Override
    public boolean isValid(LocalizedText text, ConstraintValidatorContext context) {
        if (text == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        if (required && text.values().isEmpty()) {
            context.buildConstraintViolationWithTemplate("at least one language (ko or en) is required")
                    .addConstraintViolation();
            return false;
        }
        boolean valid = true;
        for (Map.Entry<String, String> entry : text.values().entrySet()) {
            String language = entry.getKey();
            String value = entry.getValue();
            String problem = null;
            if (!LANGUAGE_TAG.matcher(language).matches()) {
                problem = "'" + printable(language) + "' is not a language tag such as ko or en";
            } else if (Blank.isBlank(value)) {
                problem = "must not be blank";
            } else if (value.length() > max) {
                problem = "must be at most " + max + " characters";
            } else if (value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t')) {
                problem = "must not contain control characters";
            }
            if (problem != null) {
                valid = false;
                context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode(LANGUAGE_TAG.matcher(language).matches() ? language : "?")
                        .addConstraintViolation();
            }
        }
        return valid;
    }

    private static String printable(String s) {
        String cut = s.length() > 20 ? s.substring(0, 20) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}

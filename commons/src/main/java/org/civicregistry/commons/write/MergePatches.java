package org.civicregistry.commons.write;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.json.JsonMergePatch;
import org.civicregistry.commons.problem.JsonProblems;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.problem.Violation;

/** An RFC 7396 merge patch applied to an input body, read back and validated as a new body would be. */
public final class MergePatches {

    private MergePatches() {
    }

    /** A merge patch is a JSON object (RFC 7396); checked before anything is looked up or locked. */
    public static void requireObject(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_BODY, "A merge patch must be a JSON object (RFC 7396).");
        }
    }

    /**
     * @param what what is patched, for the problem's detail ({@code record}, {@code item})
     * @throws ProblemException 400 when the result has the wrong shape
     * @throws ConstraintViolationException when the result breaks the input's constraints (400, per field)
     */
    public static <T> T apply(ObjectMapper mapper, Validator validator, T base, JsonNode patch, Class<T> type, String what) {
        T input;
        try {
            input = mapper.treeToValue(JsonMergePatch.apply(mapper.valueToTree(base), patch), type);
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException mapping ? JsonProblems.jsonPath(mapping) : null;
            // Jackson's own message names Java types and exceptions: say which field, not how the reader failed
            String detail = "The patched " + what + " is not valid: " + (field == null ? "it does not have the documented shape"
                    : "the field " + field + " has the wrong type or format") + ".";
            throw new ProblemException(ProblemType.MALFORMED_BODY, detail,
                    field == null ? List.of() : List.of(new Violation(field, "wrong type or shape")), List.of());
        }
        Set<ConstraintViolation<T>> violations = validator.validate(input);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return input;
    }
}

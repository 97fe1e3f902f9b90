package org.civicregistry.commons.problem;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One invalid field of a request: where (a JSON path such as {@code name.ko} or a parameter name) and why. */
@Schema(name = "Violation", description = "One invalid field or parameter of the request.")
public record Violation(
        @Schema(description = "The field (JSON path in the body) or parameter name.", examples = "name") String field,
        @Schema(description = "What is wrong with it.", examples = "at least one of the languages ko, en must be given") String message) {
}

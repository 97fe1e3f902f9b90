package org.civicregistry.commons.problem;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. Every error of every service is answered with one of these, as
 * {@code application/problem+json}; a stack trace never leaves the process.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail, returned with every error response.")
public record Problem(
        @Schema(description = "A URI that identifies the kind of problem.",
                examples = "https://civic-registry.org/problems/validation") URI type,
        @Schema(description = "Short summary of the kind of problem.", examples = "Invalid request") String title,
        @Schema(description = "The HTTP status code.", examples = "400") int status,
        @Schema(description = "What went wrong with this request, for a person to read.",
                examples = "The request has 1 invalid field.") String detail,
        @Schema(description = "The path of the request that failed.", examples = "/api/v1/people") String instance,
        @Schema(description = "For validation problems: the invalid fields.") List<Violation> violations,
        @Schema(description = "For invalid state transitions: the states the record may move to.") List<String> allowed) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, violations, allowed);
    }

    /** With the title of its type in {@code language} (the detail stays as written: it names fields and values). */
    public Problem localized(String language) {
        ProblemType known = ProblemType.of(type);
        return known == null ? this : new Problem(type, known.title(language), status, detail, instance, violations, allowed);
    }
}

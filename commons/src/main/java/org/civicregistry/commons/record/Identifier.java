package org.civicregistry.commons.record;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.problem.ProblemException;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An identifier of the record in another scheme: an OCD division id, an administrative code, Wikidata.
 * A scheme's identifier names at most one active record of a collection, so {@code ?identifier=} finds
 * one record, and a scheme has no colon, so {@code scheme:value} splits at the first one (OCD ids have
 * colons of their own).
 */
@Schema(name = "Identifier")
public record Identifier(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[^:]*", message = "must not contain a colon")
        @Schema(description = "The scheme: ocd-division, kr-admin-code, wikidata, ... (no colon).",
                examples = "ocd-division") String scheme,
        @NotBlank @Size(max = 300) @Schema(description = "The identifier in that scheme.",
                examples = "ocd-division/country:kr/province:41") String identifier) {

    /** What the {@code identifier} filter of every collection says, for its OpenAPI parameter. */
    public static final String QUERY = "The record with this identifier, as scheme:value (split at the first colon; "
            + "identifiers are unique per scheme in a collection).";
    public static final String QUERY_EXAMPLE = "ocd-division:ocd-division/country:kr/province:41";

    /** The {@code identifier} query parameter, {@code scheme:value}; null when not given, 400 when malformed. */
    public static Identifier parse(String parameter, String value) {
        String text = Params.text(parameter, value);
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw ProblemException.badParameter(parameter, "must be scheme:value, such as " + QUERY_EXAMPLE);
        }
        return new Identifier(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The JSON array this identifier is contained in ({@code @>}) when a record's identifiers hold it. */
    public String containment() {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        array.addObject().put("scheme", scheme).put("identifier", identifier);
        return array.toString();
    }
}

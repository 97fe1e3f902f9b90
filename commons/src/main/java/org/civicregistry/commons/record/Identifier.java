package org.civicregistry.commons.record;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An identifier of the record in another scheme: an OCD division id, an administrative code, Wikidata. */
@Schema(name = "Identifier")
public record Identifier(
        @NotBlank @Size(max = 100) @Schema(description = "The scheme: ocd-division, kr-admin-code, wikidata, ...",
                examples = "ocd-division") String scheme,
        @NotBlank @Size(max = 300) @Schema(description = "The identifier in that scheme.",
                examples = "ocd-division/country:kr/province:41") String identifier) {
}

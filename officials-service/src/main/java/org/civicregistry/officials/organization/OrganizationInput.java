package org.civicregistry.officials.organization;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.civicregistry.officials.common.OtherName;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "OrganizationInput", description = "An organization as written by POST and PUT (and patched by PATCH).")
public record OrganizationInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key; editors' jurisdictions name organizations by slug.", examples = "gwangju") String slug,
        @NotNull @ValidText @Schema(description = "Name by language; at least one of ko, en.") LocalizedText name,
        @Size(max = 50) List<@Valid @NotNull OtherName> otherNames,
        @NotNull @Schema(description = "What kind of organization.") Classification classification,
        @Schema(description = "Id of the organization this one is part of.") UUID parentId,
        @Size(max = 300) @Schema(description = "Open Civic Data division id of the area it governs.",
                examples = "ocd-division/country:kr/metropolitan_city:29") String divisionId,
        @Valid @Schema(description = "When it was founded.") PartialDate foundedOn,
        @Valid @Schema(description = "When it was dissolved, if it was.") PartialDate dissolvedOn,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources) {
}

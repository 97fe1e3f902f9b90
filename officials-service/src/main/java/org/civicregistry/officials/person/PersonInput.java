package org.civicregistry.officials.person;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.record.ValidUrl;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.civicregistry.officials.common.OtherName;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PersonInput", description = "A person as written by POST and PUT (and patched by PATCH).")
public record PersonInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key.", examples = "kang-ki-jung") String slug,
        @NotNull @ValidText @Schema(description = "Name by language; at least one of ko, en.") LocalizedText name,
        @Size(max = 50) List<@Valid @NotNull OtherName> otherNames,
        @Valid @Schema(description = "Birth date, as precise as known.") PartialDate birthDate,
        @ValidUrl @Schema(description = "URL of a portrait.") URI image,
        @Size(max = 20) List<@Valid @NotNull Contact> contacts,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources,
        @Schema(description = "The organization whose jurisdiction owns the person: its editors (and those of its ancestors) "
                + "may change or archive the record. Left out on create: the organization the creating editor's token names "
                + "(a token naming several needs it said); left out on an update: kept. Changing it needs authority over "
                + "the old and the new owner. Memberships and other links never make a person theirs.",
                examples = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b") UUID ownerOrganizationId) {
}

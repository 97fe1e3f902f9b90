package org.civicregistry.officials.post;

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
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "PostInput", description = "A post as written by POST and PUT (and patched by PATCH).")
public record PostInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key.", examples = "gwangju-mayor") String slug,
        @NotNull @ValidText @Schema(description = "Label by language; at least one of ko, en.") LocalizedText label,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9]+([_-][a-z0-9]+)*", message = "must be lower-case letters, digits, '-' or '_'")
        @Schema(description = "Machine-readable role of the holder.", examples = "mayor") String role,
        @NotNull @Schema(description = "The organization the post belongs to.") UUID organizationId,
        @Valid @Schema(description = "Since when the post exists.") PartialDate start,
        @Valid @Schema(description = "Until when the post existed.") PartialDate end,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources) {
}

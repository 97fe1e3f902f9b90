package org.civicregistry.officials.membership;

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

@Schema(name = "MembershipInput", description = "A membership as written by POST and PUT (and patched by PATCH). "
        + "Give postId for an office (its organization is implied), or organizationId and a role for a plain membership.")
public record MembershipInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key.", examples = "kang-ki-jung-gwangju-mayor-2022") String slug,
        @NotNull @Schema(description = "The member.") UUID personId,
        @Schema(description = "The organization; implied by postId when omitted.") UUID organizationId,
        @Schema(description = "The post held, if any. A post has one holder at a time, acting holders aside.") UUID postId,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9]+([_-][a-z0-9]+)*", message = "must be lower-case letters, digits, '-' or '_'")
        @Schema(description = "The role in the organization, machine-readable.", examples = "co-chair") String role,
        @ValidText(required = false) @Schema(description = "The role as people say it, by language.") LocalizedText label,
        @Schema(description = "The party the member represents (an organization of classification party).") UUID onBehalfOfId,
        @Valid @Schema(description = "First day, as precise as known.") PartialDate start,
        @Valid @Schema(description = "Last day; absent while it goes on.") PartialDate end,
        @Schema(description = "Holding the post in an acting capacity (권한대행).") Boolean acting,
        @Schema(description = "Why it ended; only with end.") EndReason endReason,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources) {
}

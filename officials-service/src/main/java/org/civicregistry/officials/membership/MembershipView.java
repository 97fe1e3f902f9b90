package org.civicregistry.officials.membership;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Membership")
public record MembershipView(
        UUID id,
        String slug,
        @Schema(required = true) UUID personId,
        @Schema(required = true) UUID organizationId,
        UUID postId,
        @Schema(examples = "mayor") String role,
        LocalizedText label,
        UUID onBehalfOfId,
        PartialDate start,
        PartialDate end,
        @Schema(required = true) boolean acting,
        EndReason endReason,
        @Schema(required = true, description = "Whether it goes on today (no end, or an end in the future).") boolean current,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        @Schema(required = true) RecordStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change; the ETag.", examples = "1") int version) implements Localizable<MembershipView> {

    @Override
    public MembershipView in(String language) {
        return language == null || label == null ? this : new MembershipView(id, slug, personId, organizationId, postId,
                role, label.in(language), onBehalfOfId, start, end, acting, endReason, current, identifiers, sources,
                status, createdAt, updatedAt, version);
    }
}

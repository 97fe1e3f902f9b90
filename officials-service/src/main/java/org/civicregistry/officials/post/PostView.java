package org.civicregistry.officials.post;

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

@Schema(name = "Post")
public record PostView(
        UUID id,
        @Schema(examples = "gwangju-mayor") String slug,
        @Schema(required = true) LocalizedText label,
        @Schema(examples = "mayor") String role,
        @Schema(required = true) UUID organizationId,
        PartialDate start,
        PartialDate end,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        @Schema(required = true) RecordStatus status,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change; the ETag.", examples = "1") int version) implements Localizable<PostView> {

    @Override
    public PostView in(String language) {
        return language == null ? this : new PostView(id, slug, label.in(language), role, organizationId, start, end,
                identifiers, sources, status, createdAt, updatedAt, version);
    }
}

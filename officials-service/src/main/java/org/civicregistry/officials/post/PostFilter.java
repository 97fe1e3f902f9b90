package org.civicregistry.officials.post;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

public record PostFilter(String slug, UUID organizationId, String role, String q, OffsetDateTime updatedSince,
        RecordStatus status, Identifier identifier,
        List<UUID> ids) {
}

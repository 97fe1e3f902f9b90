package org.civicregistry.officials.post;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

public record PostFilter(String slug, UUID organizationId, String role, String q, OffsetDateTime updatedSince,
        RecordStatus status, Identifier identifier) {
}

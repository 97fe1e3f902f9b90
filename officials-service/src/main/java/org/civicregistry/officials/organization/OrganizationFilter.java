package org.civicregistry.officials.organization;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

/** Filters of the organization collection, parsed. */
public record OrganizationFilter(String slug, Classification classification, UUID parentId, String q, OffsetDateTime updatedSince,
        RecordStatus status, Identifier identifier,
        List<UUID> ids) {
}

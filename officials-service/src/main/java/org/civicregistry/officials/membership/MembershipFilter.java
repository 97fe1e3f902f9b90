package org.civicregistry.officials.membership;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

/** Filters of the memberships collection. {@code current} is {@code at=} today. */
public record MembershipFilter(String slug, UUID personId, UUID organizationId, UUID postId, String role, UUID partyId, LocalDate at,
        Boolean current, OffsetDateTime updatedSince, RecordStatus status, Identifier identifier,
        List<UUID> ids) {
}

package org.civicregistry.officials.person;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

/**
 * Filters of the people collection. The membership filters (organization, post, role, party, at)
 * combine: "people who held post P on day D" is {@code post=P&at=D}.
 */
public record PersonFilter(String slug, UUID organizationId, UUID postId, String role, UUID partyId, LocalDate at,
        String q, OffsetDateTime updatedSince, RecordStatus status, Identifier identifier,
        List<UUID> ids) {

    boolean byMembership() {
        return organizationId != null || postId != null || role != null || partyId != null || at != null;
    }
}

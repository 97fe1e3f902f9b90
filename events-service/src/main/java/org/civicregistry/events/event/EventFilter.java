package org.civicregistry.events.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

/**
 * Filters of the event collection and the feeds, parsed. {@code from}/{@code to} is a window of
 * overlap: events not over at {@code from} that start before {@code to}.
 */
public record EventFilter(Instant from, Instant to, UUID organizationId, UUID participantId, EventType type,
        List<EventStatus> statuses, UUID agreementId, OffsetDateTime updatedSince, String q, RecordStatus recordStatus, String slug,
        Identifier identifier,
        List<UUID> ids) {
}

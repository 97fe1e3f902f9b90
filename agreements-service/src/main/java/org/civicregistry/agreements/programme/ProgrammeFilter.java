package org.civicregistry.agreements.programme;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;

/** Filters of the programmes collection, parsed. {@code periodFrom}/{@code periodTo} bound the period covered. */
public record ProgrammeFilter(UUID ownerId, ProgrammeKind kind, ProgrammeStatus status, RecordStatus recordStatus,
        LocalDate periodFrom, LocalDate periodTo, String q, OffsetDateTime updatedSince, String slug, Identifier identifier,
        List<UUID> ids) {
}

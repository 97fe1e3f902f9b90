package org.civicregistry.agreements.agreement;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;

/** Filters of the agreements collection, parsed. {@code from}/{@code to} bound the signing date. */
public record AgreementFilter(UUID partyId, UUID signatoryId, UUID postId, AgreementKind kind, AgreementStatus status,
        String sector, LocalDate from, LocalDate to, String q, OffsetDateTime updatedSince, String slug, Identifier identifier,
        List<UUID> ids) {
}

package org.civicregistry.agreements.programme;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civicregistry.agreements.programme.initiative.Initiative;
import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.PartialDate;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A programme as the API shows it and as its events and history carry it (the snapshot). */
@Schema(name = "Programme")
public record ProgrammeView(
        @Schema(description = "Record id (UUID v7, time-ordered).") UUID id,
        @Schema(examples = "gyeonggi-annual-plan-2024") String slug,
        @Schema(required = true) LocalizedText title,
        LocalizedText summary,
        ProgrammeKind kind,
        @Schema(required = true, description = "The lifecycle: draft, announced, in_progress, concluded.") ProgrammeStatus status,
        @Schema(required = true, description = "active, or archived once DELETEd (still readable, frozen).") RecordStatus recordStatus,
        UUID ownerId,
        Period period,
        PartialDate announcedOn,
        Announcer announcedBy,
        UUID announcementEventId,
        @Schema(required = true) List<Initiative> initiatives,
        @Schema(required = true, description = "How many initiatives stand at each status, every status listed.",
                example = "{\"planned\": 0, \"completed\": 2, \"completed_continuing\": 1, \"on_track\": 5, \"partially_done\": 1, "
                        + "\"on_hold\": 0, \"dropped\": 0}") Map<String, Integer> statusCounts,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change, initiatives' and reports included; the ETag.", examples = "1") int version)
        implements Localizable<ProgrammeView> {

    @Override
    public ProgrammeView in(String language) {
        return language == null ? this : new ProgrammeView(id, slug, title.in(language), summary == null ? null : summary.in(language),
                kind, status, recordStatus, ownerId, period, announcedOn, announcedBy, announcementEventId,
                initiatives.stream().map(i -> i.in(language)).toList(), statusCounts, identifiers, sources, createdAt, updatedAt, version);
    }
}

package org.civicregistry.events.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.RecordStatus;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.write.Localizable;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An event as the API returns it and as its CloudEvents carry it. Times are shown with the offset of timeZone. */
@Schema(name = "Event")
public record EventView(
        @Schema(description = "Record id (UUID v7, time-ordered).") UUID id,
        @Schema(examples = "kim-dong-yeon-chosun-university-lecture-2023-05-12") String slug,
        @Schema(required = true) LocalizedText title,
        LocalizedText description,
        @Schema(required = true) EventType type,
        @Schema(required = true, description = "Lifecycle status.") EventStatus status,
        @Schema(required = true, description = "Start, with the offset of timeZone at that instant.", examples = "2023-05-12T17:00:00+09:00") OffsetDateTime startsAt,
        @Schema(examples = "2019-12-27T00:00:00+09:00") OffsetDateTime endsAt,
        @Schema(required = true, examples = "Asia/Seoul") String timeZone,
        @Schema(required = true) boolean allDay,
        Location location,
        UUID organizerId,
        @Schema(required = true) List<Participant> participants,
        UUID agreementId,
        @Schema(required = true, description = "Start times before each reschedule, oldest first.") List<OffsetDateTime> previousStartTimes,
        @Schema(required = true, description = "The UID of the event in the iCalendar feeds.",
                examples = "0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b@civic-registry") String icalUid,
        @Schema(required = true, description = "The iCalendar SEQUENCE: how many times its time, place or status changed.", examples = "0") int sequence,
        List<Identifier> identifiers,
        List<SourceRef> sources,
        @Schema(required = true, description = "active, or archived (withdrawn from lists and feeds; still readable).") RecordStatus recordStatus,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Schema(description = "Bumped on every change; the ETag.", examples = "1") int version) implements Localizable<EventView> {

    @Override
    public EventView in(String language) {
        return language == null ? this : new EventView(id, slug, title.in(language), description == null ? null : description.in(language),
                type, status, startsAt, endsAt, timeZone, allDay, location == null ? null : location.in(language), organizerId,
                participants, agreementId, previousStartTimes, icalUid, sequence, identifiers, sources, recordStatus, createdAt,
                updatedAt, version);
    }
}

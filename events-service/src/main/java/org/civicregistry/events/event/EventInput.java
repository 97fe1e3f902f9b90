package org.civicregistry.events.event;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.civicregistry.commons.record.Identifier;
import org.civicregistry.commons.record.SourceRef;
import org.civicregistry.commons.text.LocalizedText;
import org.civicregistry.commons.text.ValidText;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventInput", description = "An event as written by POST and PUT (and patched by PATCH). "
        + "organizerId, participants[].personId, participants[].postId and agreementId must name records this service "
        + "knows from civic.officials.v1 and civic.agreements.v1 (else 422 unknown-reference naming the field).")
public record EventInput(
        @Size(min = 2, max = 100) @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be lower-case letters, digits and single hyphens")
        @Schema(description = "Unique, readable key.", examples = "kim-dong-yeon-chosun-university-lecture-2023-05-12") String slug,
        @NotNull @ValidText @Schema(description = "Title by language; at least one of ko, en.") LocalizedText title,
        @ValidText(required = false, max = 5000) @Schema(description = "Description by language.") LocalizedText description,
        @NotNull @Schema(description = "What kind of event.") EventType type,
        @Schema(description = "Lifecycle status. A new event is scheduled (default), confirmed or completed; later changes "
                + "follow the allowed transitions (see POST /api/v1/events/{id}/transitions). Left out: unchanged.") EventStatus status,
        @NotNull @Schema(description = "Start, ISO 8601 with offset. Changing it on a later write reschedules the event.",
                examples = "2023-05-12T17:00:00+09:00") OffsetDateTime startsAt,
        @Schema(description = "End, ISO 8601 with offset; after startsAt. For an all-day event, 00:00 of the day after.",
                examples = "2019-12-27T00:00:00+09:00") OffsetDateTime endsAt,
        @Size(max = 64) @Schema(description = "IANA time zone the event is held in.", defaultValue = "Asia/Seoul",
                examples = "Asia/Seoul") String timeZone,
        @Schema(description = "A whole-day event: startsAt (and endsAt) at 00:00 in timeZone.", defaultValue = "false") Boolean allDay,
        @Valid @Schema(description = "Where it takes place.") Location location,
        @NotNull @Schema(description = "The organizing organization (civic.officials.v1); editors write events organized in "
                + "their jurisdictions.", examples = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b") UUID organizerId,
        @Size(max = 100) List<@Valid @NotNull Participant> participants,
        @Schema(description = "The agreement the event is about, e.g. the one signed at it (civic.agreements.v1).",
                examples = "0193a3c4-8000-7f80-9a1b-2c3d4e5f6a7b") UUID agreementId,
        @Size(max = 50) List<@Valid @NotNull Identifier> identifiers,
        @Size(max = 50) List<@Valid @NotNull SourceRef> sources) {
}

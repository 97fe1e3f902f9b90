package org.civicregistry.commons.outbox;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One version of a record, as it was after a change. */
@Schema(name = "HistoryEntry")
public record HistoryEntry(
        @Schema(description = "The version this change produced.", examples = "2") int version,
        @Schema(description = "The event type of the change.", examples = "civic.person.updated") String type,
        @Schema(description = "When the change was committed.", examples = "2023-10-12T05:30:00Z") OffsetDateTime changedAt,
        @Schema(description = "Who made the change, as a role and the jurisdictions the writer's token granted "
                + "(\"editor, gwangju\", \"admin\"); null when not known.", examples = "editor, gwangju") String changedBy,
        @Schema(description = "The person who made the change (the token's subject): shown to admins only, null for "
                + "everyone else.", examples = "editor@gwangju.go.kr") String changedByUser,
        @Schema(description = "The full record after the change, as the API showed it then: the fields of a GET of the "
                + "record, every language.") JsonNode snapshot) {
}

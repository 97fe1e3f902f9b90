package org.civicregistry.events.event;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "EventTransition", description = "A change of an event's status. Rescheduling needs the new startsAt; "
        + "endsAt left out keeps the event's duration.")
public record Transition(
        @NotNull @Schema(description = "The status to move to.") EventStatus to,
        @Schema(description = "For rescheduled: the new start.", examples = "2023-05-13T10:00:00+09:00") OffsetDateTime startsAt,
        @Schema(description = "For rescheduled: the new end; left out, the duration is kept.") OffsetDateTime endsAt) {
}

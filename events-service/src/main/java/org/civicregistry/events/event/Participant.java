package org.civicregistry.events.event;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person taking part in an event, optionally in the capacity of a post (e.g. Governor of Gyeonggi). */
@Schema(name = "Participant")
public record Participant(
        @NotNull @Schema(description = "The person, as known from civic.officials.v1.",
                examples = "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a7b") UUID personId,
        @NotNull @Schema(description = "What the person does there.") ParticipantRole role,
        @Schema(description = "The post the person takes part as, if any (civic.officials.v1).",
                examples = "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a7b") UUID postId) {
}

package org.civicregistry.agreements.programme;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.civicregistry.commons.record.PartialDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ProgrammeTransition", description = "A step of the lifecycle: draft → announced → in_progress → concluded.")
public record ProgrammeTransition(
        @NotNull @Schema(description = "The state to move to.", examples = "announced") ProgrammeStatus to,
        @Valid @Schema(description = "With to=announced: the day it was announced, if the programme does not have it yet.",
                examples = "2024-01-15") PartialDate announcedOn) {
}

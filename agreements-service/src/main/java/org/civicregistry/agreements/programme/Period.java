package org.civicregistry.agreements.programme;

import jakarta.validation.Valid;

import org.civicregistry.commons.record.PartialDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The time a programme covers; either end may be open or partial (a year, a month). */
@Schema(name = "ProgrammePeriod")
public record Period(
        @Valid @Schema(description = "First day covered (partial dates allowed).", example = "2024") PartialDate start,
        @Valid @Schema(description = "Last day covered; absent when open-ended.", example = "2024-12") PartialDate end) {
}

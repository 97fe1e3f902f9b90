package org.civicregistry.agreements.programme.initiative;

import jakarta.validation.constraints.PositiveOrZero;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Money for an initiative, in won: what the plan says it needs, and what has been secured so far. */
@Schema(name = "InitiativeBudget")
public record Budget(
        @PositiveOrZero @Schema(description = "Planned, in KRW.", examples = "120000000000") Long plannedKrw,
        @PositiveOrZero @Schema(description = "Secured so far (budgeted or granted), in KRW.", examples = "45000000000") Long securedKrw) {
}

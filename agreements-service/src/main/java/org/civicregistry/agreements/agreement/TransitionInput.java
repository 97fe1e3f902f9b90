package org.civicregistry.agreements.agreement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.civicregistry.commons.record.PartialDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "AgreementTransition", description = "A step of the lifecycle: draft → signed → in_force → expired or terminated "
        + "(signed may also go to terminated).")
public record TransitionInput(
        @NotNull @Schema(description = "The state to move to.", examples = "signed") AgreementStatus to,
        @Valid @Schema(description = "With to=signed: the signing date, if the agreement does not have it yet.",
                examples = "2023-05-12") PartialDate signedOn) {
}

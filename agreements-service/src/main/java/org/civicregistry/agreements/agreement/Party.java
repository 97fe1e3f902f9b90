package org.civicregistry.agreements.agreement;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An organization that is party to an agreement, with its role and its signatory. */
@Schema(name = "Party")
public record Party(
        @NotNull @Schema(description = "The organization (officials-service id).", examples = "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b")
        UUID organizationId,
        @Size(max = 100) @Pattern(regexp = "[a-z0-9]+([_-][a-z0-9]+)*", message = "must be lower-case letters, digits, '-' or '_'")
        @Schema(description = "Its role in the agreement: party (default), host, lead, secretariat, witness, ...", examples = "party")
        String role,
        @Valid @Schema(description = "Who signed for it; absent while unknown or for a party that did not sign.") Signatory signatory) {

    /** The party as stored: without a role, it is a plain {@code party}. */
    public Party withDefaultRole() {
        return role == null ? new Party(organizationId, "party", signatory) : this;
    }
}

package org.civicregistry.agreements.agreement;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who signed for a party, and the post they held when signing (both from officials-service). */
@Schema(name = "Signatory", description = "A person (officials-service id) and the post they held on signedOn.")
public record Signatory(
        @NotNull @Schema(description = "The person who signed.", examples = "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a7b") UUID personId,
        @NotNull @Schema(description = "The post the person held on the signing date, e.g. Governor of Gyeonggi.",
                examples = "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a7b") UUID postId) {
}

package org.civicregistry.agreements.programme;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who announced a programme, and the post they held that day (both from officials-service). */
@Schema(name = "Announcer", description = "A person (officials-service id) and the post they held on announcedOn.")
public record Announcer(
        @NotNull @Schema(description = "The person who announced it.", examples = "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a01") UUID personId,
        @NotNull @Schema(description = "The post the person held on announcedOn, e.g. Governor of Gyeonggi.",
                examples = "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a01") UUID postId) {
}

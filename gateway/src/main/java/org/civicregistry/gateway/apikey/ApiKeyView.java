package org.civicregistry.gateway.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ApiKey")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(
        UUID id,
        String owner,
        String contact,
        @Schema(description = "standard or partner.") String tier,
        @Schema(description = "The key's first characters, to tell keys apart.", examples = "civic_k3Xw") String prefix,
        OffsetDateTime createdAt,
        @Schema(description = "When it was revoked; absent while it is valid.") OffsetDateTime revokedAt,
        @Schema(description = "Present only in the answer to the creation: send it as X-Api-Key; it is never shown again.") String key) {

    static ApiKeyView of(ApiKey k, String key) {
        return new ApiKeyView(k.id, k.owner, k.contact, k.tier.label(), k.prefix, k.createdAt, k.revokedAt, key);
    }
}

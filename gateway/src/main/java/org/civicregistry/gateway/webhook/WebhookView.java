package org.civicregistry.gateway.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Webhook")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(
        UUID id,
        String url,
        List<String> topics,
        List<String> types,
        String description,
        @Schema(description = "ACTIVE, PAUSED (changes are queued, not sent) or DISABLED.") String status,
        @Schema(description = "Why the gateway disabled it itself, e.g. the receiver answered 410 Gone.") String statusReason,
        OffsetDateTime createdAt,
        @Schema(description = "Present only in the answer to the creation or to a rotation of the secret: keep it, it is never "
                + "shown again.") String secret,
        @Schema(description = "After a rotation of the secret: until when deliveries also carry a signature with the secret "
                + "before it.") OffsetDateTime previousSecretValidUntil) {

    static WebhookView of(WebhookSubscription s, boolean withSecret) {
        OffsetDateTime overlap = s.previousSecretUntil != null && s.previousSecretUntil.isAfter(OffsetDateTime.now()) ? s.previousSecretUntil
                : null;
        return new WebhookView(s.id, s.url, s.topics, s.types, s.description, s.status.name(), s.statusReason, s.createdAt,
                withSecret ? s.secret : null, overlap);
    }
}

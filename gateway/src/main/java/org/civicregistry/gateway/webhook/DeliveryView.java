package org.civicregistry.gateway.webhook;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "WebhookDelivery")
public record DeliveryView(long id,
        @Schema(description = "The webhook-id header of its every attempt and redelivery.", examples = "msg_0191f0e2a1b34c5d8e9f00112233aabb")
        String webhookId, String eventId, String eventType, String subject, String topic,
        @Schema(description = "PENDING, DELIVERED or DEAD (gave up after the last attempt).") String status,
        int attempts, OffsetDateTime nextAttemptAt, Integer lastStatus, String lastError, OffsetDateTime createdAt,
        OffsetDateTime deliveredAt) {

    static DeliveryView of(WebhookDelivery d) {
        return new DeliveryView(d.id, d.messageId, d.eventId, d.eventType, d.subject, d.topic, d.status.name(), d.attempts,
                d.nextAttemptAt, d.lastStatus, d.lastError, d.createdAt, d.deliveredAt);
    }
}

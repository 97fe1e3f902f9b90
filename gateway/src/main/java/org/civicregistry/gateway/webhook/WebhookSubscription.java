package org.civicregistry.gateway.webhook;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    public enum Status {
        ACTIVE,
        /** Changes are queued but not sent until it is resumed. */
        PAUSED, DISABLED
    }

    static final String GONE = "the receiver answered 410 Gone";

    @Id
    public UUID id;

    public String url;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> topics = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> types = new ArrayList<>();

    /** The HMAC key ({@code whsec_} + base64); shown once, when the subscription is created or its secret rotated. */
    public String secret;

    /** The secret before the last rotation, still signed with until {@link #previousSecretUntil}. */
    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public OffsetDateTime previousSecretUntil;

    public String description;

    @Enumerated(EnumType.STRING)
    public Status status;

    /** Why it is not active, when the gateway stopped it itself (the receiver answered 410 Gone). */
    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /** The secrets a delivery at {@code now} is signed with: the current one, and the one before during the overlap. */
    public List<String> signingSecrets(OffsetDateTime now) {
        return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)
                ? List.of(secret, previousSecret) : List.of(secret);
    }

    /** Whether an event of this topic and type is queued for this subscription (sent once it is active). */
    public boolean wants(String topic, String type) {
        boolean topicOk = topics.isEmpty() || topics.contains(topic);
        boolean typeOk = types.isEmpty() || types.stream()
                .anyMatch(t -> t.endsWith("*") ? type.startsWith(t.substring(0, t.length() - 1)) : t.equals(type));
        return status != Status.DISABLED && topicOk && typeOk;
    }
}

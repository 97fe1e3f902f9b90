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
        ACTIVE, DISABLED
    }

    @Id
    public UUID id;

    public String url;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> topics = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> types = new ArrayList<>();

    /** The HMAC key; shown once, when the subscription is created. */
    public String secret;

    public String description;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    /** Whether an event of this topic and type goes to this subscription. */
    public boolean wants(String topic, String type) {
        boolean topicOk = topics.isEmpty() || topics.contains(topic);
        boolean typeOk = types.isEmpty() || types.stream()
                .anyMatch(t -> t.endsWith("*") ? type.startsWith(t.substring(0, t.length() - 1)) : t.equals(type));
        return status == Status.ACTIVE && topicOk && typeOk;
    }
}

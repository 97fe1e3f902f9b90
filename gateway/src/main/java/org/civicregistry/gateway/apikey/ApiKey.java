package org.civicregistry.gateway.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An integrator's key, as stored: its hash, never the key. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Hex SHA-256 of the key. */
    @Column(name = "key_hash")
    public String keyHash;

    /** The key's first characters, so its holder and the admins can tell keys apart. */
    public String prefix;

    public String owner;

    public String contact;

    @Enumerated(EnumType.STRING)
    public ApiKeyTier tier;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
}

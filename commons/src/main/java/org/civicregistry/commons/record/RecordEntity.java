package org.civicregistry.commons.record;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What every public record has (DESIGN.md): a time-ordered id, an optional unique slug, identifiers
 * in other schemes, sources, an archive status, timestamps and a version bumped on every change.
 * The version is kept by hand, not by {@code @Version}: writers lock the row and compare it with
 * If-Match, so a stale write is a 412 the client can act on.
 */
@MappedSuperclass
public abstract class RecordEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    public String slug;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Identifier> identifiers = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    public List<SourceRef> sources = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public RecordStatus status = RecordStatus.ACTIVE;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public int version;

    /** Lower-cased names in every language, searched with ILIKE (trigram-indexed). */
    @Column(name = "search_text")
    public String searchText;

    /** Prepares a new record: id, version 1, both timestamps. */
    public void initialize() {
        id = Ids.next();
        version = 1;
        createdAt = now();
        updatedAt = createdAt;
        searchText = computeSearchText();
    }

    /** Marks a change: version + 1, new update time, fresh search text. */
    public void touch() {
        version++;
        updatedAt = now();
        searchText = computeSearchText();
    }

    public boolean archived() {
        return status == RecordStatus.ARCHIVED;
    }

    protected abstract String computeSearchText();

    /** Microsecond precision, as PostgreSQL keeps it, so a snapshot equals what a later read returns. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}

package org.civicregistry.commons.consumer;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;

/**
 * Writes a snapshot from another service's stream into a read model, version-guarded: a row is
 * inserted, or replaced only by a newer version, so repeats and late, older events change nothing.
 * The one way every projection writes, so that they all read ids, versions and values alike.
 */
@ApplicationScoped
public class ReadModelWriter {

    private static final Logger LOG = Logger.getLogger(ReadModelWriter.class);

    private final EntityManager em;

    public ReadModelWriter(EntityManager em) {
        this.em = em;
    }

    /** A column value with its SQL type, so a null is cast right too. */
    public record Column(Object value, String sqlType) {

        public static Column text(String value) {
            return new Column(value, "text");
        }

        public static Column uuid(UUID value) {
            return new Column(value == null ? null : value.toString(), "uuid");
        }

        /** A day, as ISO text. */
        public static Column date(LocalDate value) {
            return new Column(value == null ? null : value.toString(), "date");
        }

        /** Never null: bound as is. */
        public static Column bool(boolean value) {
            return new Column(value, null);
        }

        /** A JSON member (absent or null: SQL null). */
        public static Column json(JsonNode value) {
            return new Column(value == null || value.isMissingNode() || value.isNull() ? null : value.toString(), "jsonb");
        }
    }

    /**
     * @param data the snapshot: its {@code id} (else the event's subject) and {@code version} key the row
     * @return whether the row changed
     */
    public boolean upsert(String table, CloudEvent event, JsonNode data, Map<String, Column> columns) {
        UUID id = uuid(data.path("id").asText(event.getSubject()));
        JsonNode version = data.get("version");
        if (id == null || version == null || !version.canConvertToInt() || version.asInt() < 1) {
            LOG.warnf("Ignoring %s %s: its data has no id or version", event.getType(), event.getId());
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> casts = new LinkedHashMap<>();
        columns.forEach((column, value) -> {
            values.put(column, value.value());
            if (value.sqlType() != null) {
                casts.put(column, value.sqlType());
            }
        });
        return ReadModels.upsertNewer(em, table, id, version.asInt(), values, casts);
    }

    /**
     * As {@link #upsert}, for a record a read model keeps by its name: a snapshot without the
     * localized-text member {@code nameMember} its schema requires is skipped with a warning (its
     * publisher never sends one, and a row without a name is of no use to a feed or a message).
     */
    public boolean upsertNamed(String table, String nameMember, CloudEvent event, JsonNode data, Map<String, Column> columns) {
        if (!data.path(nameMember).isObject()) {
            LOG.warnf("Ignoring %s %s: its data has no %s", event.getType(), event.getId(), nameMember);
            return false;
        }
        Map<String, Column> named = new LinkedHashMap<>(columns);
        named.put(nameMember, Column.json(data.path(nameMember)));
        return upsert(table, event, data, named);
    }

    /** A text member of a snapshot, or null. */
    public static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A UUID member of a snapshot, or null when absent or not a UUID. */
    public static UUID uuid(JsonNode data, String field) {
        return uuid(text(data, field));
    }

    private static UUID uuid(String text) {
        try {
            return text == null || text.length() != 36 ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The record kind of a CloudEvent type: {@code civic.person.updated} → {@code person}. */
    public static String kind(String type) {
        String[] parts = type == null ? new String[0] : type.split("\\.");
        return parts.length >= 3 && parts[0].equals("civic") ? parts[1] : "";
    }
}

package org.civicregistry.commons.consumer;

import java.util.Map;

import jakarta.persistence.EntityManager;

/**
 * Writes to read models that apply each record's snapshots in version order whatever order they
 * arrive in: a row is inserted, or replaced only by a newer version, so repeats and stale events
 * change nothing.
 */
public final class ReadModels {

    private ReadModels() {
    }

    /**
     * {@code insert into table (id, version, columns...) ... on conflict (id) do update ... where
     * table.version < excluded.version}. Column values are bound as parameters; json columns take
     * a JSON string and are cast by {@code casts} (column → SQL type, e.g. {@code jsonb}). A null
     * value is bound without a type: give every nullable column a cast ({@code uuid}, {@code date},
     * {@code text}) so PostgreSQL knows it.
     *
     * @return whether the row changed
     */
    public static boolean upsertNewer(EntityManager em, String table, Object id, int version, Map<String, Object> columns,
            Map<String, String> casts) {
        StringBuilder names = new StringBuilder("id, version");
        StringBuilder values = new StringBuilder(":id, :version");
        StringBuilder updates = new StringBuilder("version = excluded.version");
        for (String column : columns.keySet()) {
            names.append(", ").append(column);
            String cast = casts.get(column);
            values.append(", ").append(cast == null ? ":" + column : "cast(:" + column + " as " + cast + ")");
            updates.append(", ").append(column).append(" = excluded.").append(column);
        }
        var query = em.createNativeQuery("insert into " + table + " (" + names + ") values (" + values + ")"
                + " on conflict (id) do update set " + updates + " where " + table + ".version < excluded.version")
                .setParameter("id", id)
                .setParameter("version", version);
        columns.forEach(query::setParameter);
        return query.executeUpdate() > 0;
    }
}

package org.civicregistry.commons.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

/**
 * The jurisdictions an organization belongs to: its slug and its ancestors' slugs, nearest first,
 * walked up a table of organizations with {@code id}, {@code parent_id} and {@code slug} (officials'
 * own table, or a consumer's read model of it). What {@link Jurisdictions#requireWrite} compares with.
 */
public final class JurisdictionChain {

    /** Deeper than any real hierarchy (country → province → city → district → office); stops cycles. */
    public static final int MAX_DEPTH = 16;

    private JurisdictionChain() {
    }

    public static Set<String> slugs(EntityManager em, String organizationTable, UUID organizationId) {
        @SuppressWarnings("unchecked")
        List<String> slugs = em.createNativeQuery("""
                with recursive chain (id, parent_id, slug, depth) as (
                    select id, parent_id, slug, 0 from %1$s where id = :id
                    union all
                    select o.id, o.parent_id, o.slug, c.depth + 1 from %1$s o join chain c on o.id = c.parent_id
                    where c.depth < :max)
                select slug from chain where slug is not null order by depth""".formatted(organizationTable))
                // No result class: given a basic one, Hibernate 7 adds a query plan to its cache on every
                // call until it is full, and every lookup then compares against the pile (docs/benchmarks.md).
                .setParameter("id", organizationId)
                .setParameter("max", MAX_DEPTH)
                // The record being checked may be changed and not yet valid for the database: flushing it
                // here would answer a refused editor with its conflict, not 403.
                .setFlushMode(FlushModeType.COMMIT)
                .getResultList();
        return new LinkedHashSet<>(slugs);
    }
}

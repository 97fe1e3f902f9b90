package org.civicregistry.commons.readmodel;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.problem.ProblemException;

/**
 * The lookups every consumer makes in its read models, the same way in every service: whether a
 * record named in a body is known (else 422 naming the field), the id behind an id or slug in a
 * query parameter (else 400 naming the parameter), and a record's label for messages.
 */
@ApplicationScoped
public class ReadModelLookup {

    private final EntityManager em;

    public ReadModelLookup(EntityManager em) {
        this.em = em;
    }

    public boolean exists(KnownKind kind, UUID id) {
        return !em.createNativeQuery("select 1 from " + kind.table() + " where id = :id")
                .setParameter("id", id).setMaxResults(1).getResultList().isEmpty();
    }

    /** Checks a reference of a body; {@code field} is its JSON path, e.g. {@code participants[0].personId}. */
    public void require(KnownKind kind, String field, UUID id) {
        if (id != null && !exists(kind, id)) {
            throw ProblemException.unknownReference(field, id);
        }
    }

    /** A record named by id or slug in a query parameter; unknown is a 400 naming the parameter. */
    public UUID resolve(KnownKind kind, String parameter, String idOrSlug) {
        if (idOrSlug == null || idOrSlug.isBlank()) {
            return null;
        }
        // at most 200 characters and no control characters: PostgreSQL refuses a NUL in a text parameter
        String key = Params.text(parameter, idOrSlug);
        boolean byId = key.length() == 36 && key.charAt(8) == '-';
        // No result class on these native queries: Hibernate 7 caches a query given a basic result class
        // under a key that never equals the next one's, so every call added an entry to its query plan
        // cache until it was full, and every lookup compared against the pile (docs/benchmarks.md).
        // Slugs are unique where the records live; two rows here share one only while a moved slug's
        // events are on their way, and then a holder that is not archived wins.
        List<?> found = byId
                ? em.createNativeQuery("select id from " + kind.table() + " where id = :id")
                        .setParameter("id", Params.uuid(parameter, key)).getResultList()
                : em.createNativeQuery("select id from " + kind.table() + " where slug = :slug"
                        + " order by (status is distinct from 'archived') desc, id")
                        .setParameter("slug", key).setMaxResults(1).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.badParameter(parameter, "no " + kind.noun() + " with id or slug '"
                    + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "' is known here");
        }
        Object id = found.get(0);
        return id instanceof UUID uuid ? uuid : UUID.fromString(id.toString());
    }

    /** The slug of a record, for messages: {@code slug (id)}, or the id when it has none. */
    public String label(KnownKind kind, UUID id) {
        @SuppressWarnings("unchecked")
        List<String> slugs = em.createNativeQuery("select slug from " + kind.table() + " where id = :id and slug is not null")
                .setParameter("id", id).getResultList();
        return slugs.isEmpty() ? id.toString() : slugs.get(0) + " (" + id + ")";
    }
}

package org.civicregistry.events.readmodel;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.http.Params;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.readmodel.KnownOfficials;
import org.civicregistry.commons.text.LocalizedText;

/**
 * What this service knows of other services' records, from its read models: whether a referenced
 * record exists (unknown → 422 naming the field), ids behind slugs in filters, the jurisdictions an
 * organization belongs to ({@link KnownOfficials}), and names for the calendar feeds.
 */
@ApplicationScoped
public class References {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final KnownOfficials officials;

    public References(EntityManager em, ObjectMapper mapper, KnownOfficials officials) {
        this.em = em;
        this.mapper = mapper;
        this.officials = officials;
    }

    public boolean exists(KnownRecord kind, UUID id) {
        return !em.createNativeQuery("select 1 from " + kind.table() + " where id = :id")
                .setParameter("id", id).setMaxResults(1).getResultList().isEmpty();
    }

    /** Checks a reference of a body; {@code field} is its JSON path, e.g. {@code participants[0].personId}. */
    public void require(KnownRecord kind, String field, UUID id) {
        if (id != null && !exists(kind, id)) {
            throw ProblemException.unknownReference(field, id);
        }
    }

    /** A record named by id or slug in a query parameter; unknown is a 400 naming the parameter. */
    public UUID resolve(KnownRecord kind, String parameter, String idOrSlug) {
        if (idOrSlug == null || idOrSlug.isBlank()) {
            return null;
        }
        // at most 200 characters and no control characters: PostgreSQL refuses a NUL in a text parameter
        String key = Params.text(parameter, idOrSlug);
        boolean byId = key.length() == 36 && key.charAt(8) == '-';
        // No result class on these native queries: Hibernate 7 caches a query given a basic result class
        // under a key that never equals the next one's, so every call added an entry to its query plan
        // cache until it was full, and every lookup compared against the pile (docs/benchmarks.md).
        @SuppressWarnings("unchecked")
        List<UUID> found = byId
                ? em.createNativeQuery("select id from " + kind.table() + " where id = :id")
                        .setParameter("id", Params.uuid(parameter, key)).getResultList()
                : em.createNativeQuery("select id from " + kind.table() + " where slug = :slug order by version desc")
                        .setParameter("slug", key).setMaxResults(1).getResultList();
        if (found.isEmpty()) {
            throw ProblemException.badParameter(parameter, "no " + kind.noun() + " with id or slug '"
                    + (key.length() > 60 ? key.substring(0, 60) + "…" : key) + "' is known here");
        }
        return found.get(0);
    }

    /** The slugs of an organization and all its ancestors: the jurisdictions its events belong to. */
    public Set<String> jurisdictionsOf(UUID organizationId) {
        return officials.jurisdictionsOf(organizationId);
    }

    /** The names of the given records that are known. */
    public Map<UUID, LocalizedText> names(KnownRecord kind, Collection<UUID> ids) {
        Map<UUID, LocalizedText> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, cast(" + kind.nameColumn() + " as text) from " + kind.table()
                + " where id in (:ids)").setParameter("ids", Set.copyOf(ids)).getResultList();
        for (Object[] row : rows) {
            try {
                names.put((UUID) row[0], LocalizedText.of(mapper.readValue((String) row[1],
                        mapper.getTypeFactory().constructMapType(Map.class, String.class, String.class))));
            } catch (JsonProcessingException e) {
                // a name that is not a language map is left out; the record still counts as known
            }
        }
        return names;
    }
}

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

import org.civicregistry.commons.readmodel.ReadModelLookup;
import org.civicregistry.commons.text.LocalizedText;

/**
 * What only events reads of other services' records, beyond the lookups every consumer makes
 * ({@link ReadModelLookup}: existence, ids behind slugs): their names, for the calendar feeds.
 */
@ApplicationScoped
public class References {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public References(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
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

package org.civicregistry.commons.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.text.LocalizedText;

/**
 * Reads the linked records a page embeds on {@code include=} from this service's read model of
 * officials: one query per kind for the whole page, however many records name them.
 */
@ApplicationScoped
public class Inclusions {

    /** What the {@code include} parameter's values are, for a collection's OpenAPI description. */
    public static final String DESCRIPTION = "Embed the linked records this page names, in \"included\" (comma-separated): "
            + "their id, slug and name as this service knows them, so a client showing names needs no second request.";

    private final EntityManager em;
    private final ObjectMapper mapper;

    public Inclusions(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** The {@code include} parameter: comma-separated names out of {@code allowed}; empty when absent. */
    public static Set<String> parse(String value, List<String> allowed) {
        Set<String> asked = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return asked;
        }
        for (String name : value.split(",", -1)) {
            String wanted = name.strip();
            if (!allowed.contains(wanted)) {
                throw ProblemException.badParameter("include", "must be one or more of " + allowed + ", separated by commas");
            }
            asked.add(wanted);
        }
        return asked;
    }

    /** The records of each kind with these ids (nulls and repeats ignored); null for a kind not asked for. */
    public Included of(Collection<UUID> organizations, Collection<UUID> people, Collection<UUID> posts) {
        return new Included(read(OfficialsRecord.ORGANIZATION, organizations), read(OfficialsRecord.PERSON, people),
                read(OfficialsRecord.POST, posts));
    }

    private List<Linked> read(OfficialsRecord kind, Collection<UUID> ids) {
        if (ids == null) {
            return null;
        }
        List<UUID> distinct = ids.stream().filter(Objects::nonNull).distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        String name = kind == OfficialsRecord.POST ? "label" : "name";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, slug, " + name + "::text from " + kind.table()
                + " where id in (:ids) order by id").setParameter("ids", distinct).getResultList();
        List<Linked> linked = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            linked.add(new Linked((UUID) row[0], (String) row[1], text((String) row[2])));
        }
        return linked;
    }

    private LocalizedText text(String json) {
        if (json == null) {
            return null;
        }
        try {
            return LocalizedText.of(mapper.readValue(json, new TypeReference<Map<String, String>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A read-model name is not a language map: " + json, e);
        }
    }
}

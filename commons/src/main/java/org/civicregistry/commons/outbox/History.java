package org.civicregistry.commons.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.paging.Cursor;
import org.civicregistry.commons.paging.Page;
import org.civicregistry.commons.paging.PageRequest;
import org.civicregistry.commons.problem.ProblemException;

/** Reads the versions {@link ChangeRecorder} kept, oldest first, a page at a time. */
@ApplicationScoped
public class History {

    private final EntityManager em;
    private final ObjectMapper mapper;

    public History(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    public Page<HistoryEntry> of(String entityType, UUID id, PageRequest page) {
        int after = 0;
        if (page.cursor() != null) {
            try {
                after = Integer.parseInt(Cursor.decode(page.cursor(), 1).get(0));
            } catch (NumberFormatException e) {
                throw ProblemException.badParameter("cursor", "not a cursor this API issued; use nextCursor from a previous page");
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select version, event_type, changed_at, changed_by, snapshot::text"
                        + " from record_history where entity_type = :type and entity_id = :id and version > :after"
                        + " order by version limit :limit")
                .setParameter("type", entityType)
                .setParameter("id", id)
                .setParameter("after", after)
                .setParameter("limit", page.fetchSize())
                .getResultList();
        return Page.of(rows, page.limit(), this::entry, row -> Cursor.encode(String.valueOf(row[0])));
    }

    private HistoryEntry entry(Object[] row) {
        try {
            return new HistoryEntry(((Number) row[0]).intValue(), (String) row[1], toOffset(row[2]), (String) row[3],
                    mapper.readTree((String) row[4]));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable history snapshot", e);
        }
    }

    private static OffsetDateTime toOffset(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}

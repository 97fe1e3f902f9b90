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
import org.civicregistry.commons.security.Roles;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Reads the versions {@link ChangeRecorder} kept, oldest first, a page at a time. The public sees
 * who changed a record as a role and jurisdictions; only an admin sees the person.
 */
@ApplicationScoped
public class History {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final SecurityIdentity identity;

    public History(EntityManager em, ObjectMapper mapper, SecurityIdentity identity) {
        this.em = em;
        this.mapper = mapper;
        this.identity = identity;
    }

    public Page<HistoryEntry> of(String entityType, UUID id, PageRequest page) {
        long after = Cursor.decodeNumber(page.cursor());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select version, event_type, changed_at, changed_by, snapshot::text, changed_by_role, changed_by_jurisdictions"
                        + " from record_history where entity_type = :type and entity_id = :id and version > :after"
                        + " order by version limit :limit")
                .setParameter("type", entityType)
                .setParameter("id", id)
                .setParameter("after", after)
                .setParameter("limit", page.fetchSize())
                .getResultList();
        boolean admin = readByAdmin();
        return Page.of(rows, page.limit(), row -> entry(row, admin), row -> Cursor.encode(String.valueOf(row[0])));
    }

    /**
     * Whether an admin reads. History is public: a token that does not verify makes the reader
     * anonymous here, as on every other read, instead of turning the read into a 401 (the generated
     * bad-input run found that a public read began to refuse bad tokens).
     */
    private boolean readByAdmin() {
        try {
            return identity.hasRole(Roles.ADMIN);
        } catch (AuthenticationFailedException e) {
            return false;
        }
    }

    private HistoryEntry entry(Object[] row, boolean admin) {
        String role = (String) row[5];
        String jurisdictions = (String) row[6];
        String changedBy = role == null ? null
                : jurisdictions == null || jurisdictions.isEmpty() ? role : role + ", " + jurisdictions.replace(",", ", ");
        try {
            return new HistoryEntry(((Number) row[0]).intValue(), (String) row[1], toOffset(row[2]), changedBy,
                    admin ? (String) row[3] : null, mapper.readTree((String) row[4]));
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

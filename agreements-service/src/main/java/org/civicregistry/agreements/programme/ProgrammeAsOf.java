package org.civicregistry.agreements.programme;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;

/**
 * A programme as it stood on a day ({@code GET /programmes/{id}?at=}), from its history: the newest
 * version recorded on or before the end of that day. Newsrooms ask "what had the government promised,
 * and how far did it say it was, on the day of the election"; the history answers without a second
 * store, since every version's snapshot is the view as the API showed it then.
 */
@ApplicationScoped
public class ProgrammeAsOf {

    /** A day is a day in Korea, where the register's governments are. */
    static final ZoneId REGISTER_ZONE = ZoneId.of("Asia/Seoul");

    private final EntityManager em;
    private final ObjectMapper mapper;

    public ProgrammeAsOf(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    /** The view as of {@code day}; 404 when the programme had not been registered by then. */
    public ProgrammeView at(Programme programme, LocalDate day) {
        OffsetDateTime endOfDay = day.plusDays(1).atStartOfDay(REGISTER_ZONE).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        @SuppressWarnings("unchecked")
        List<String> snapshots = em.createNativeQuery("select snapshot::text from record_history where entity_type = :type"
                        + " and entity_id = :id and changed_at < :end order by version desc limit 1")
                .setParameter("type", "programme")
                .setParameter("id", programme.id)
                .setParameter("end", endOfDay)
                .getResultList();
        if (snapshots.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "Programme " + programme.id + " did not exist yet on " + day
                    + " (Korean time); it was registered at " + programme.createdAt + ".");
        }
        try {
            return mapper.readValue(snapshots.get(0), ProgrammeView.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable history snapshot of programme " + programme.id, e);
        }
    }
}

package org.civicregistry.commons.outbox;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.kafka.RecordLimits;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.civicregistry.commons.record.Ids;
import org.civicregistry.commons.security.Jurisdictions;
import org.civicregistry.commons.security.Roles;
import org.civicregistry.commons.snapshot.Snapshots;
import org.civicregistry.commons.tracing.TraceContext;

import org.jboss.logging.Logger;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Records a committed change: its history row and its outbox row, in the caller's transaction. The
 * change, its history and its event commit together or not at all; the relay publishes afterwards.
 */
@ApplicationScoped
public class ChangeRecorder {

    private static final Logger LOG = Logger.getLogger(ChangeRecorder.class);

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final OutboxConfig config;
    private final SecurityIdentity identity;
    private final Jurisdictions jurisdictions;

    public ChangeRecorder(EntityManager em, ObjectMapper mapper, OutboxConfig config, SecurityIdentity identity,
            Jurisdictions jurisdictions) {
        this.em = em;
        this.mapper = mapper;
        this.config = config;
        this.identity = identity;
        this.jurisdictions = jurisdictions;
    }

    /** The writer's role as the public history shows it: admin, else editor; null for a change no one signed. */
    private String role() {
        if (identity.isAnonymous()) {
            return null;
        }
        return jurisdictions.isAdmin() ? Roles.ADMIN : Roles.EDITOR;
    }

    /**
     * @param entityType {@code person}, {@code membership}, ...; the event type is {@code civic.<entityType>.<action>}
     * @param action     {@code created}, {@code updated}, {@code archived}, {@code ended}, ...
     * @param snapshot   the full record after the change, as the API shows it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String entityType, UUID id, int version, String action, OffsetDateTime at, Object snapshot) {
        String json;
        try {
            json = mapper.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Snapshot of " + entityType + " " + id + " is not serializable", e);
        }
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > RecordLimits.MAX_DATA_BYTES) {
            // Refused before anything is written: the caller's transaction rolls back with this.
            throw new ProblemException(ProblemType.RECORD_TOO_LARGE, "With this change the " + entityType + " would be "
                    + size + " bytes as published; one record may be at most " + RecordLimits.MAX_DATA_BYTES
                    + " bytes (see the API description). Nothing was changed.");
        }
        String type = "civic." + entityType + "." + action;
        String topic = config.topic().orElseThrow(() -> new IllegalStateException("civic.outbox.topic is not set"));
        // The shared lock, held to the commit, lets a snapshot download find a moment when no change is
        // half-way to the stream (Snapshots); writers never wait for each other on it.
        em.createNativeQuery("insert into record_history (entity_type, entity_id, version, event_type, changed_at, changed_by,"
                        + " changed_by_role, changed_by_jurisdictions, snapshot)"
                        + " select :entityType, :id, :version, :type, :at, :by, :role, :jurisdictions, cast(:snapshot as json)"
                        + " from pg_advisory_xact_lock_shared(:lock)")
                .setParameter("lock", Snapshots.writerLock(topic))
                .setParameter("entityType", entityType)
                .setParameter("id", id)
                .setParameter("version", version)
                .setParameter("type", type)
                .setParameter("at", at)
                .setParameter("by", identity.isAnonymous() ? null : identity.getPrincipal().getName())
                .setParameter("role", role())
                .setParameter("jurisdictions", role() == null || jurisdictions.isAdmin() ? null
                        : String.join(",", new TreeSet<>(jurisdictions.granted())))
                .setParameter("snapshot", json)
                .executeUpdate();
        TraceContext trace = TraceContext.current();
        em.createNativeQuery("insert into outbox_event (event_id, topic, record_key, type, subject, occurred_at, payload,"
                        + " trace_parent, trace_state)"
                        + " values (:eventId, :topic, :key, :type, :subject, :at, cast(:payload as json), :traceParent, :traceState)")
                .setParameter("eventId", Ids.next())
                .setParameter("topic", topic)
                .setParameter("key", id.toString())
                .setParameter("type", type)
                .setParameter("subject", id.toString())
                .setParameter("at", at)
                .setParameter("payload", json)
                .setParameter("traceParent", trace.parent())
                .setParameter("traceState", trace.state())
                .executeUpdate();
        // with the request id from the MDC: which request made which change, for an operator tracing one
        LOG.debugf("Recorded %s %s version %d (%s)", entityType, id, version, action);
    }
}

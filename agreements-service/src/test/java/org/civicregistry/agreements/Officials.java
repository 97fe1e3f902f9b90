package org.civicregistry.agreements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.civicregistry.commons.record.Ids;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.OfficialsEvents.Snapshot;
import org.civicregistry.testsupport.OfficialsEvents;
import org.civicregistry.testsupport.TopicWriter;

/**
 * Plays officials-service: publishes the snapshots of organizations, people, posts and memberships
 * on civic.officials.v1 exactly as its outbox relay does (binary-mode CloudEvents keyed by record id,
 * data built from officials' event contract by {@link OfficialsEvents}), then waits until
 * agreements-service has applied them to its read model.
 */
final class Officials {

    static final String TOPIC = OfficialsEvents.TOPIC;
    static final ObjectMapper JSON = new ObjectMapper();

    private static TopicWriter writer;

    private final DataSource db;
    /** table:id → the newest version published, which the read model must reach. */
    private final Map<String, Integer> expected = new LinkedHashMap<>();

    Officials(DataSource db) {
        this.db = db;
    }

    static synchronized TopicWriter writer() {
        if (writer == null) {
            writer = new TopicWriter(KafkaBroker.shared().bootstrapServers()).ensureTopic(TOPIC);
        }
        return writer;
    }

    String organization(String slug, String ko, String en, String classification, String parentId) {
        return publish("created", OfficialsEvents.organization(Ids.next().toString(), slug, ko, en, classification, parentId));
    }

    String person(String slug, String ko, String en) {
        return publish("created", OfficialsEvents.person(Ids.next().toString(), slug, ko, en));
    }

    String post(String slug, String ko, String en, String role, String organizationId) {
        return publish("created", OfficialsEvents.post(Ids.next().toString(), slug, ko, en, role, organizationId));
    }

    String membership(String personId, String postId, String organizationId, String start, String end) {
        return publish("created", OfficialsEvents.membership(Ids.next().toString(), personId, postId, organizationId, start, end));
    }

    static Snapshot organizationSnapshot(String id, String slug, String ko, String en, String classification, String parentId,
            int version, String status) {
        return OfficialsEvents.organization(id, slug, ko, en, classification, parentId).version(version).status(status);
    }

    static Snapshot personSnapshot(String id, String slug, String ko, String en, int version) {
        return OfficialsEvents.person(id, slug, ko, en).version(version);
    }

    static Snapshot postSnapshot(String id, String slug, String ko, String en, String role, String organizationId, int version) {
        return OfficialsEvents.post(id, slug, ko, en, role, organizationId).version(version);
    }

    static Snapshot membershipSnapshot(String id, String personId, String postId, String organizationId, String start, String end,
            int version) {
        return OfficialsEvents.membership(id, personId, postId, organizationId, start, end).version(version);
    }

    /** Publishes one snapshot as officials-service would (type civic.<record>.<action>, key and subject = id); returns the id. */
    String publish(String action, Snapshot snapshot) {
        snapshot.publish(writer(), action);
        expected.merge("known_" + snapshot.kind() + ":" + snapshot.id(), snapshot.version(), Math::max);
        return snapshot.id();
    }

    /** Waits until the read model holds, for every record published, at least the newest version published. */
    Officials await() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> expected.entrySet().stream()
                .allMatch(e -> version(e.getKey().split(":")[0], e.getKey().split(":")[1]) >= e.getValue()));
        return this;
    }

    /** The version the read model holds of a record, 0 when it does not know it. */
    int version(String table, String id) {
        return (int) query("select version from " + table + " where id = ?", id, 0);
    }

    Object column(String table, String column, String id) {
        return query("select " + column + " from " + table + " where id = ?", id, null);
    }

    private Object query(String sql, String id, Object none) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getObject(1) : none;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

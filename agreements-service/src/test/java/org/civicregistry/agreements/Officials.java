package org.civicregistry.agreements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.civicregistry.commons.record.Ids;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.TopicWriter;

/**
 * Plays officials-service: publishes the snapshots of organizations, people, posts and memberships
 * on civic.officials.v1 exactly as its outbox relay does (binary-mode CloudEvents keyed by record id,
 * data = the record as officials' GET returns it), then waits until agreements-service has applied
 * them to its read model.
 */
final class Officials {

    static final String TOPIC = "civic.officials.v1";
    static final String SOURCE = "/civic-registry/officials";
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
        String id = Ids.next().toString();
        publish("created", organizationSnapshot(id, slug, ko, en, classification, parentId, 1, "active"));
        return id;
    }

    String person(String slug, String ko, String en) {
        String id = Ids.next().toString();
        publish("created", personSnapshot(id, slug, ko, en, 1));
        return id;
    }

    String post(String slug, String ko, String en, String role, String organizationId) {
        String id = Ids.next().toString();
        publish("created", postSnapshot(id, slug, ko, en, role, organizationId, 1));
        return id;
    }

    String membership(String personId, String postId, String organizationId, String start, String end) {
        String id = Ids.next().toString();
        publish("created", membershipSnapshot(id, personId, postId, organizationId, start, end, 1));
        return id;
    }

    static ObjectNode organizationSnapshot(String id, String slug, String ko, String en, String classification, String parentId,
            int version, String status) {
        ObjectNode o = base(id, slug);
        o.putObject("name").put("ko", ko).put("en", en);
        o.putArray("otherNames");
        o.put("classification", classification).put("parentId", parentId).putNull("divisionId").putNull("foundedOn").putNull("dissolvedOn");
        return finish(o, version, status);
    }

    static ObjectNode personSnapshot(String id, String slug, String ko, String en, int version) {
        ObjectNode p = base(id, slug);
        p.putObject("name").put("ko", ko).put("en", en);
        p.putArray("otherNames");
        p.putNull("birthDate").putNull("image").putArray("contacts");
        return finish(p, version, "active");
    }

    static ObjectNode postSnapshot(String id, String slug, String ko, String en, String role, String organizationId, int version) {
        ObjectNode p = base(id, slug);
        p.putObject("label").put("ko", ko).put("en", en);
        p.put("role", role).put("organizationId", organizationId).putNull("start").putNull("end");
        return finish(p, version, "active");
    }

    static ObjectNode membershipSnapshot(String id, String personId, String postId, String organizationId, String start, String end,
            int version) {
        ObjectNode m = base(id, null);
        m.put("personId", personId).put("organizationId", organizationId).put("postId", postId).putNull("role").putNull("label")
                .putNull("onBehalfOfId").put("start", start).put("end", end).put("acting", false)
                .put("endReason", end == null ? null : "term_ended").put("current", end == null);
        return finish(m, version, "active");
    }

    /** Publishes one snapshot as officials-service would: type civic.<record>.<action>, key and subject = id. */
    void publish(String action, ObjectNode snapshot) {
        String record = recordOf(snapshot);
        String id = snapshot.get("id").asText();
        writer().send(TOPIC, SOURCE, "civic." + record + "." + action, id, snapshot.toString());
        expected.merge(table(record) + ":" + id, snapshot.get("version").asInt(), Math::max);
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

    private static ObjectNode base(String id, String slug) {
        ObjectNode node = JSON.createObjectNode().put("id", id);
        if (slug != null) {
            node.put("slug", slug);
        } else {
            node.putNull("slug");
        }
        return node;
    }

    private static ObjectNode finish(ObjectNode node, int version, String status) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        node.putArray("identifiers");
        node.putArray("sources");
        node.put("status", status).put("createdAt", now).put("updatedAt", now).put("version", version);
        return node;
    }

    private static String recordOf(ObjectNode snapshot) {
        if (snapshot.has("classification")) {
            return "organization";
        }
        if (snapshot.has("personId")) {
            return "membership";
        }
        if (snapshot.has("label")) {
            return "post";
        }
        return "person";
    }

    private static String table(String record) {
        return "known_" + record;
    }
}

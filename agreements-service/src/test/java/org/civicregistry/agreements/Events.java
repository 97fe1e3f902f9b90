package org.civicregistry.agreements;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.awaitility.Awaitility;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.Sql;
import org.civicregistry.testsupport.TopicWriter;

/**
 * Plays events-service: publishes an event's snapshot on civic.events.v1 as its outbox relay does
 * (binary-mode CloudEvents keyed by the event's id, data = the record as {@code GET /api/v1/events/{id}}
 * returns it), then waits until agreements-service has learned it.
 */
final class Events {

    static final String TOPIC = "civic.events.v1";

    private static TopicWriter writer;

    private Events() {
    }

    private static synchronized TopicWriter writer() {
        if (writer == null) {
            writer = new TopicWriter(KafkaBroker.shared().bootstrapServers()).ensureTopic(TOPIC);
        }
        return writer;
    }

    /** An event's snapshot with the members events-service publishes that this service reads, and a few it ignores. */
    static ObjectNode snapshot(String id, String slug, String ko, String en, int version, String recordStatus) {
        ObjectNode event = Officials.JSON.createObjectNode().put("id", id).put("slug", slug);
        event.putObject("title").put("ko", ko).put("en", en);
        event.put("type", "ceremony").put("status", "completed").put("startsAt", "2023-05-12T00:00:00+09:00")
                .put("timeZone", "Asia/Seoul").put("allDay", true).put("recordStatus", recordStatus).put("version", version);
        event.putArray("participants");
        return event;
    }

    static void publish(String type, ObjectNode snapshot) {
        writer().send(TOPIC, "/civic-registry/events", type, snapshot.get("id").asText(), snapshot.toString());
    }

    /** Publishes a scheduled event and waits until the read model knows it; returns its id. */
    static String known(DataSource db, String slug) {
        String id = UUID.randomUUID().toString();
        publish("civic.event.scheduled", snapshot(id, slug, "상생협약 체결식", "Agreement signing", 1, "active"));
        awaitVersion(db, id, 1);
        return id;
    }

    static void awaitVersion(DataSource db, String id, int version) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> version(db, id) >= version);
    }

    /** The version of the event the read model holds, 0 when it does not know it. */
    static int version(DataSource db, String id) throws SQLException {
        return (int) Sql.count(db, "select coalesce(max(version), 0) from known_event where id = '" + UUID.fromString(id) + "'");
    }
}

package org.civicregistry.officials;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicregistry.commons.kafka.RecordLimits;
import org.civicregistry.commons.kafka.Topics;
import org.civicregistry.commons.kafka.TopicsConfig;
import org.civicregistry.embedded.KafkaBroker;
import org.civicregistry.testsupport.TopicReader;
import org.civicregistry.testsupport.TopicReader.Message;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;

/**
 * The outbox relay keeps its promises when things go wrong around it: a change the broker refuses
 * does not stop the stream, the topic keeps every change, and a relay that loses its lock session
 * or is fenced by another leader publishes nothing out of order and loses nothing.
 */
@OfficialsTest
class OutboxIntegrityTest {

    static final String TOPIC = ChangeStreamTest.TOPIC;
    final ObjectMapper json = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;
    @Inject
    TopicsConfig topics;

    @Test
    void aChangeTheBrokerRefusesIsParkedWithItsRecordsLaterChangesAndTheRestOfTheStreamGoesOn() throws Exception {
        String stuck = UUID.randomUUID().toString();
        // Past the topic's max.message.bytes: written around the API, as a topic with a smaller bound would make any row.
        insertOutboxRow(stuck, "{\"id\":\"" + stuck + "\",\"version\":1,\"padding\":\"" + "x".repeat(RecordLimits.TOPIC_MAX_MESSAGE_BYTES) + "\"}");
        insertOutboxRow(stuck, "{\"id\":\"" + stuck + "\",\"version\":2}");
        try {
            String after = Api.person(Api.unique("after-parked"), "다음", "After");
            try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
                assertThat(reader.forKey(after, 1, Duration.ofSeconds(30))).extracting(m -> m.header("ce_type"))
                        .containsExactly("civic.person.created");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(503)
                    .body("checks.find { it.name == 'outbox' }.data.parked", greaterThanOrEqualTo(2)));
            given().get("/q/health/ready").then().statusCode(200);
            assertThat(parkedVersions(stuck)).containsExactly(1, 2);
            assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .containsPattern("civic_outbox_parked\\{[^}]*topic=\"civic.officials.v1\"[^}]*} [1-9]");

            // A change of that record written later waits behind the parked ones: its events never go out of order.
            insertOutboxRow(stuck, "{\"id\":\"" + stuck + "\",\"version\":3}");
            await().atMost(Duration.ofSeconds(10)).until(() -> parkedVersions(stuck).size() == 3);
            assertThat(parkedVersions(stuck)).containsExactly(1, 2, 3);
            try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
                String marker = Api.person(Api.unique("marker"), "표지", "Marker");
                List<Message> seen = reader.readUntil(messages -> messages.stream().anyMatch(m -> marker.equals(m.key())),
                        Duration.ofSeconds(30));
                assertThat(seen).noneMatch(m -> stuck.equals(m.key()));
            }
        } finally {
            execute("delete from outbox_parked where record_key = '" + stuck + "'");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(200));
    }

    @Test
    void theTopicIsCreatedToKeepEveryChangeAndToTakeTheLargestRecordTheApiAccepts() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            assertThat(config.get("retention.ms").value()).isEqualTo("-1");
            assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
            assertThat(Integer.parseInt(config.get("max.message.bytes").value())).isGreaterThan(RecordLimits.MAX_DATA_BYTES);
        }
    }

    @Test
    void anExistingTopicThatForgetsIsReportedNotAccepted() throws Exception {
        String name = "civic.test.forgetful-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaBroker.shared().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(Map.of("retention.ms", "604800000"))))
                    .all().get(10, TimeUnit.SECONDS);
            List<String> mismatches = Topics.ensure(admin, new Topics.Spec(name, topics, RecordLimits.TOPIC_MAX_MESSAGE_BYTES));
            assertThat(mismatches).anyMatch(m -> m.startsWith("retention.ms=604800000"))
                    .anyMatch(m -> m.startsWith("max.message.bytes="));
            admin.deleteTopics(List.of(name)).all().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Mid-burst, the relay's lock session is killed on the server and another producer with the
     * relay's transactional id starts (as a new leader would): the relay steps down, leads again, and
     * every version arrives, never a lower one after a higher one.
     */
    @Test
    void aRelayThatLosesItsLockAndIsFencedPublishesEveryVersionInOrder() throws Exception {
        String id = Api.person(Api.unique("fenced"), "펜스", "Fenced");
        int updates = 40;
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            for (int version = 1; version <= updates; version++) {
                Api.admin().header("If-Match", "\"" + version + "\"").contentType("application/merge-patch+json")
                        .body("{\"birthDate\": \"" + (1900 + version) + "\"}").patch("/api/v1/people/" + id).then().statusCode(200);
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> version(id) >= updates / 4);
        try (KafkaProducer<String, String> usurper = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "civic-outbox-relay-" + TOPIC), new StringSerializer(), new StringSerializer())) {
            usurper.initTransactions();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> version(id) >= updates / 2);
        // Right after the fence the relay may be between two leaderships (no lock held): end the next session that holds it.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> RelayLock.terminateLockSessions(dataSource, TOPIC) > 0);
        burst.get(60, TimeUnit.SECONDS);
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            List<Message> events = reader.readUntil(messages -> versionsOf(messages, id).contains(updates + 1), Duration.ofSeconds(60));
            List<Integer> versions = versionsOf(events, id);
            assertThat(versions).containsAll(rangeClosed(1, updates + 1));
            assertThat(versions).isSorted();
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/group/stream").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.pending", equalTo(0)));
    }

    /**
     * A leader that got a batch onto the topic but lost its database session before deleting the
     * rows leaves them in the outbox. The next leader finds them on the topic and does not send them
     * again: a failover repeats nothing.
     */
    @Test
    void aBatchTheLastLeaderPublishedButCouldNotDeleteIsNotSentAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        UUID eventId = UUID.randomUUID();
        String payload = "{\"id\":\"" + key + "\",\"version\":1}";
        // Take the lead: the relay's lock session ends until this test holds the lock instead.
        try (RelayLock lead = RelayLock.take(dataSource, TOPIC)) {
            insertOutboxRow(eventId, key, payload);
            // What the last leader committed to Kafka before its session died.
            try (KafkaProducer<String, String> lastLeader = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.shared().bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                ProducerRecord<String, String> published = new ProducerRecord<>(TOPIC, key, payload);
                published.headers().add("ce_id", eventId.toString().getBytes(StandardCharsets.UTF_8))
                        .add("ce_type", "civic.person.updated".getBytes(StandardCharsets.UTF_8));
                lastLeader.send(published).get(10, TimeUnit.SECONDS);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> outboxRows(key) == 0);
        // Every partition read to its end: a marker seen on one says nothing of how far the others were read.
        String marker = Api.person(Api.unique("after-failover"), "표지", "Marker");
        try (TopicReader reader = new TopicReader(KafkaBroker.shared().bootstrapServers(), TOPIC)) {
            reader.readUntil(messages -> messages.stream().anyMatch(m -> marker.equals(m.key()))
                    && messages.stream().anyMatch(m -> key.equals(m.key())), Duration.ofSeconds(60));
            // A repeat would follow the first copy in its partition: read on a little past both.
            List<Message> seen = reader.readUntil(messages -> false, Duration.ofSeconds(2));
            assertThat(seen).filteredOn(m -> key.equals(m.key())).extracting(m -> m.header("ce_id"))
                    .containsExactly(eventId.toString());
        }
    }

    private int outboxRows(String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from outbox_event where record_key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private List<Integer> versionsOf(List<Message> messages, String id) {
        List<Integer> versions = new ArrayList<>();
        for (Message m : messages) {
            if (id.equals(m.key())) {
                try {
                    versions.add(json.readTree(m.value()).get("version").asInt());
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return versions;
    }

    private static List<Integer> rangeClosed(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).boxed().toList();
    }

    private int version(String id) {
        return given().get("/api/v1/people/" + id).then().statusCode(200).extract().path("version");
    }

    private void insertOutboxRow(String key, String payload) throws SQLException {
        insertOutboxRow(UUID.randomUUID(), key, payload);
    }

    private void insertOutboxRow(UUID eventId, String key, String payload) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into outbox_event (event_id, topic, record_key, type, subject, occurred_at, payload)"
                        + " values (?, ?, ?, 'civic.person.updated', ?, now(), cast(? as json))")) {
            s.setObject(1, eventId);
            s.setString(2, TOPIC);
            s.setString(3, key);
            s.setString(4, key);
            s.setString(5, payload);
            s.executeUpdate();
        }
    }

    private List<Integer> parkedVersions(String key) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select (payload->>'version')::int from outbox_parked where record_key = ? order by id")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getInt(1));
                }
            }
        }
        return versions;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

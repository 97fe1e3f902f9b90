package org.civicregistry.commons.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.agroal.api.AgroalDataSource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes the outbox to Kafka, in id order, as CloudEvents in binary mode keyed by record id.
 *
 * <p>One relay per database publishes at a time: it holds a PostgreSQL session advisory lock on its
 * own connection, so replicas of a service keep the order of events. It is woken by
 * {@code LISTEN civic_outbox} (a trigger notifies on commit) with a slow poll as fallback. A row is
 * deleted only after Kafka acknowledged it (idempotent producer, {@code acks=all}); when Kafka is
 * down the rows stay, writes go on, and the backlog is sent when it returns. A batch that fails is
 * sent again from its first unacknowledged row: delivery is at least once, and consumers drop
 * repeats by version.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "civic_outbox";

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final OutboxConfig config;
    private final String topic;
    private final long lockKey;
    private final Counter published;
    private final Counter failures;

    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean leader;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, CloudEvent> producer;
    private boolean topicReady;

    public OutboxRelay(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OutboxConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        // One lock per topic: the services share no database, but a shared server must not make them wait on each other.
        this.topic = config.topic().orElse(null);
        this.lockKey = ("civic-outbox:" + topic).hashCode();
        this.published = Counter.builder("civic.outbox.published").description("Events published to Kafka")
                .tag("topic", String.valueOf(topic)).register(registry);
        this.failures = Counter.builder("civic.outbox.failures").description("Failed publish attempts")
                .tag("topic", String.valueOf(topic)).register(registry);
    }

    void start(@Observes StartupEvent event) {
        if (topic == null) {
            return;
        }
        if (!config.relay().enabled()) {
            LOG.info("Outbox relay disabled on this replica");
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether this replica holds the relay lock. */
    public boolean leader() {
        return leader;
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public String lastError() {
        return lastError.get();
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                if (!tryLock(connection)) {
                    sleep(config.relay().pollInterval().multipliedBy(2));
                    continue;
                }
                try {
                    leader = true;
                    LOG.infof("Outbox relay for %s is the publisher", topic);
                    try (Statement listen = connection.createStatement()) {
                        listen.execute("LISTEN " + CHANNEL);
                    }
                    PGConnection notifications = connection.unwrap(PGConnection.class);
                    while (running) {
                        ensureTopic();
                        boolean drained = publishBatch(connection);
                        backoff = Duration.ofMillis(200);
                        if (drained) {
                            // Returns as soon as a writer's transaction commits (trigger → NOTIFY).
                            notifications.getNotifications((int) config.relay().pollInterval().toMillis());
                        }
                    }
                } finally {
                    release(connection);
                }
            } catch (SQLException e) {
                if (running) {
                    recordFailure("database: " + e.getMessage());
                    LOG.warnf("Outbox relay lost its database connection (%s); retrying in %s", e.getMessage(), backoff);
                }
            } catch (PublishException e) {
                recordFailure(e.getMessage());
                // A producer that saw its batches expire can stay wedged (stale metadata, fatal
                // idempotence state): the next attempt starts with a new one.
                resetProducer();
                LOG.warnf("Outbox relay could not publish to Kafka (%s); retrying in %s", e.getMessage(), backoff);
            } catch (RuntimeException e) {
                recordFailure(e.toString());
                LOG.errorf(e, "Outbox relay failed; retrying in %s", backoff);
            } finally {
                leader = false;
            }
            sleep(backoff);
            backoff = min(backoff.multipliedBy(2), config.relay().maxBackoff());
        }
    }

    /**
     * Gives up the lock and the LISTEN before the connection goes back to the pool. Both belong to
     * the database session, which outlives this use of a pooled connection: kept, the lock would sit
     * on an idle connection in the pool while the next attempt, on another connection, never gets it
     * again (after a broker crash the relay stopped for good this way). A broken connection has lost
     * its session, and with it both.
     */
    private void release(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN " + CHANNEL);
            statement.execute("select pg_advisory_unlock(" + lockKey + ")");
        } catch (SQLException e) {
            LOG.debugf("Outbox relay could not release its lock (%s); the session is gone with it", e.getMessage());
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** @return true when the outbox is empty after this batch */
    private boolean publishBatch(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, event_id, topic, record_key, type, subject, occurred_at, payload::text"
                        + " from outbox_event order by id limit ?")) {
            select.setInt(1, config.relay().batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8)));
                }
            }
        }
        if (rows.isEmpty()) {
            return true;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        KafkaProducer<String, CloudEvent> kafka = producer();
        try {
            for (Row row : rows) {
                sends.add(kafka.send(new ProducerRecord<>(row.topic(), row.key(), row.toCloudEvent(config.source()))));
            }
        } catch (RuntimeException e) {
            // send() itself failed (no metadata within max.block.ms); what was handed over before is
            // awaited on the next attempt's resend, so nothing here is deleted.
            throw new PublishException(e.getMessage());
        }
        long deadline = System.nanoTime() + config.relay().sendTimeout().toNanos();
        int acknowledged = 0;
        String error = null;
        for (Future<RecordMetadata> send : sends) {
            try {
                send.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (ExecutionException e) {
                error = e.getCause() == null ? e.toString() : e.getCause().getMessage();
                break;
            } catch (TimeoutException e) {
                error = "no acknowledgement within " + config.relay().sendTimeout();
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
                break;
            }
        }
        deleteAcknowledged(connection, rows, acknowledged);
        if (error != null) {
            throw new PublishException(error);
        }
        lastSuccess.set(Instant.now());
        lastError.set(null);
        return rows.size() < config.relay().batchSize();
    }

    /** Deletes the acknowledged prefix of the batch: what follows a failure is sent again, in order. */
    private void deleteAcknowledged(Connection connection, List<Row> rows, int count)
            throws SQLException {
        if (count == 0) {
            return;
        }
        Long[] ids = rows.subList(0, count).stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids));
            delete.executeUpdate();
        }
        published.increment(count);
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(clientConfig(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000)))) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            if (!existing.contains(topic)) {
                admin.createTopics(List.of(new NewTopic(topic, config.partitions(), config.replicationFactor())))
                        .all().get(10, TimeUnit.SECONDS);
                LOG.infof("Created topic %s (%d partitions)", topic, config.partitions());
            }
            topicReady = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                topicReady = true;
                return;
            }
            throw new PublishException("cannot create topic " + topic + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not answer while checking topic " + topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted");
        }
    }

    private KafkaProducer<String, CloudEvent> producer() {
        if (producer == null) {
            Map<String, Object> props = clientConfig(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 1,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(6_000, config.relay().sendTimeout().toMillis()),
                    ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + topic));
            producer = new KafkaProducer<>(props, new StringSerializer(), new CloudEventSerializer());
        }
        return producer;
    }

    private void resetProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        topicReady = false;
    }

    private Map<String, Object> clientConfig(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        // Only the connection settings of the shared "kafka.*" configuration apply to the relay's own clients.
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        props.putAll(overrides);
        return props;
    }

    private void recordFailure(String message) {
        failures.increment();
        lastError.set(message);
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, String subject,
            OffsetDateTime occurredAt, String payload) {

        CloudEvent toCloudEvent(String source) {
            return CloudEventBuilder.v1()
                    .withId(eventId.toString())
                    .withType(type)
                    .withSource(URI.create(source))
                    .withSubject(subject)
                    .withTime(occurredAt)
                    .withDataContentType("application/json")
                    .withData(payload.getBytes(StandardCharsets.UTF_8))
                    .build();
        }
    }

    private static final class PublishException extends RuntimeException {
        PublishException(String message) {
            super(message, null, false, false);
        }
    }
}

package org.civicregistry.commons.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.kafka.RecordLimits;
import org.civicregistry.commons.tracing.TraceContext;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import io.opentelemetry.context.Scope;

/**
 * Publishes batches of the outbox for the relay that leads, in one Kafka transaction per batch.
 *
 * <p>The transactional id is the same on every replica of a service, so a relay that becomes leader
 * fences the one before it at {@code initTransactions}: a relay whose lock session died server-side
 * while it was still sending can no longer commit, and its unfinished batch is aborted. Consumers
 * that read committed records (the platform's do) therefore never see a lower version of a record
 * after a higher one. A new leader first reads the end of the topic back and deletes the rows already
 * there, so a failover does not send the last batch again; consumers still drop repeats by version.
 *
 * <p>A row the broker refuses for good (too large for the topic, not a valid record) is parked with
 * the reason, with every later change of the same record behind it, and the batch is sent again
 * without them: one such row must not stop the stream, and a record's changes never go out of order.
 */
final class OutboxPublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final OutboxConfig config;
    private final KafkaProducer<String, CloudEvent> producer;
    private final OutboxMetrics metrics;
    private boolean anyParked;

    OutboxPublisher(Map<String, Object> kafkaConfig, OutboxConfig config, String topic, OutboxMetrics metrics,
            Connection connection) throws SQLException {
        this.config = config;
        this.metrics = metrics;
        this.producer = new KafkaProducer<>(KafkaClients.settings(kafkaConfig, Map.ofEntries(
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "civic-outbox-relay-" + topic),
                // A leader that dies mid-batch holds read-committed consumers back until this passes
                // or the next leader's initTransactions aborts its batch, whichever comes first.
                Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(10_000, config.relay().sendTimeout().toMillis() * 2)),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.TOPIC_MAX_MESSAGE_BYTES),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 1),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(6_000, config.relay().sendTimeout().toMillis())),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay-" + topic))),
                new StringSerializer(), new CloudEventSerializer());
        try {
            producer.initTransactions();
            forgetPublished(kafkaConfig, topic, connection);
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            throw new PublishException("cannot start publishing: " + e.getMessage(), false);
        } catch (SQLException | RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.anyParked = parkedCount(connection) > 0;
    }

    /**
     * Deletes the rows the last leader got onto the topic but could not delete (its database session
     * died between the commit to Kafka and the delete), so that a failover sends nothing twice.
     *
     * <p>Only the last committed batch can be in that state: a leader deletes each batch before it
     * selects the next, and {@code initTransactions} has just aborted whatever it left open. So
     * reading back one batch (with its commit marker) past one aborted batch, per partition, finds
     * every such row by its CloudEvent id. Reading more than that is harmless: a row whose event is
     * on the topic has been published, whoever sent it.
     */
    private void forgetPublished(Map<String, Object> kafkaConfig, String topic, Connection connection) throws SQLException {
        List<UUID> published = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.settings(kafkaConfig, Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "outbox-relay-tail-" + topic,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2 * config.relay().batchSize() + 2)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Duration timeout = Duration.ofMillis(Math.max(5_000, config.relay().sendTimeout().toMillis()));
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, timeout);
            long window = 2L * (config.relay().batchSize() + 1);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(beginnings.get(partition), ends.get(partition) - window));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new PublishException("cannot read the end of " + topic + " back within " + timeout, false);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader("ce_id");
                    if (id != null) {
                        published.add(UUID.fromString(new String(id.value(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        if (published.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where event_id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("uuid", published.toArray()));
            int forgotten = delete.executeUpdate();
            if (forgotten > 0) {
                metrics.published(forgotten);
                LOG.infof("Outbox relay for %s found %d row(s) on the topic that the last leader could not delete;"
                        + " they are deleted, not sent again", topic, forgotten);
            }
        }
    }

    /** @return true when the outbox is empty after this batch */
    boolean publishBatch(Connection connection) throws SQLException {
        if (anyParked) {
            holdBehindParked(connection);
        }
        List<Row> rows = select(connection);
        if (rows.isEmpty()) {
            return true;
        }
        List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
        try {
            producer.beginTransaction();
            for (Row row : rows) {
                // in the trace of the request that made the change: the agent's send span (and the
                // traceparent header it adds) continue it
                try (Scope ignored = row.trace().makeCurrent()) {
                    sends.add(producer.send(new ProducerRecord<>(row.topic(), row.key(), row.toCloudEvent(config.source()))));
                }
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            if (e instanceof ProducerFencedException || e.getCause() instanceof ProducerFencedException) {
                // Nothing of this batch is committed; the new leader sends it again.
                throw new PublishException("another relay took over publishing (" + e.getMessage() + ")", true);
            }
            abort();
            Refusal refusal = refusal(rows, sends);
            if (refusal != null) {
                park(connection, refusal.row(), refusal.reason());
                return false; // the rest of the batch goes again, now without the parked row
            }
            throw new PublishException(e.getMessage(), false);
        }
        delete(connection, rows);
        return rows.size() < config.relay().batchSize();
    }

    /** The first row of the batch the broker or the producer refused for good, if that is why it failed. */
    private Refusal refusal(List<Row> rows, List<Future<RecordMetadata>> sends) {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get(1, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException
                        || cause instanceof InvalidRecordException || cause instanceof SerializationException) {
                    return new Refusal(rows.get(i), cause.getClass().getSimpleName() + ": " + cause.getMessage());
                }
            } catch (TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        }
        return null;
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.debugf("Aborting the relay's transaction failed (%s); the producer is replaced", e.getMessage());
            throw new PublishException("the transaction could not be aborted: " + e.getMessage(), false);
        }
    }

    private List<Row> select(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, event_id, topic, record_key, type, subject, occurred_at, payload::text, trace_parent, trace_state"
                        + " from outbox_event order by id limit ?")) {
            select.setInt(1, config.relay().batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8),
                            TraceContext.of(rs.getString(9), rs.getString(10))));
                }
            }
        }
        return rows;
    }

    private void delete(Connection connection, List<Row> rows) throws SQLException {
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where id = any(?)")) {
            delete.setArray(1, connection.createArrayOf("bigint", ids));
            delete.executeUpdate();
        }
        metrics.published(rows.size());
    }

    private void park(Connection connection, Row row, String reason) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int moved = move(connection, "where record_key = ?", row.key(), reason);
            connection.commit();
            anyParked = true;
            metrics.parked(moved);
            LOG.errorf("Outbox row %d (%s of %s) can never be published and is parked with %d later change(s) of that record: %s."
                    + " The rest of the stream goes on; see docs/reliability.md to publish them once the cause is fixed.",
                    row.id(), row.type(), row.key(), moved - 1, reason);
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Changes of a record that has a parked change wait behind it, whenever they were written. */
    private void holdBehindParked(Connection connection) throws SQLException {
        int moved = move(connection, "where record_key in (select record_key from outbox_parked)", null,
                "held behind an earlier parked change of the same record");
        if (moved > 0) {
            metrics.parked(moved);
            LOG.warnf("Held %d outbox row(s) behind parked changes of their records", moved);
        }
        anyParked = parkedCount(connection) > 0;
    }

    private static int move(Connection connection, String where, String key, String reason) throws SQLException {
        try (PreparedStatement move = connection.prepareStatement("with moved as (delete from outbox_event " + where
                + " returning *) insert into outbox_parked (id, event_id, topic, record_key, type, subject, occurred_at, payload,"
                + " trace_parent, trace_state, reason)"
                + " select id, event_id, topic, record_key, type, subject, occurred_at, payload, trace_parent, trace_state, ? from moved")) {
            int parameter = 1;
            if (key != null) {
                move.setString(parameter++, key);
            }
            move.setString(parameter, reason);
            return move.executeUpdate();
        }
    }

    private static long parkedCount(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("select count(*) from outbox_parked");
                ResultSet rs = count.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }

    private record Refusal(Row row, String reason) {
    }

    private record Row(long id, UUID eventId, String topic, String key, String type, String subject,
            OffsetDateTime occurredAt, String payload, TraceContext trace) {

        CloudEvent toCloudEvent(String source) {
            return trace.addTo(CloudEventBuilder.v1())
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

    /** Publishing failed; {@code fenced} when another relay leads now. */
    static final class PublishException extends RuntimeException {
        final boolean fenced;

        PublishException(String message, boolean fenced) {
            super(message, null, false, false);
            this.fenced = fenced;
        }
    }
}

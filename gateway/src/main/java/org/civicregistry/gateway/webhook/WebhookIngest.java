package org.civicregistry.gateway.webhook;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.civicregistry.commons.consumer.Commits;
import org.civicregistry.commons.kafka.Backoff;
import org.civicregistry.commons.kafka.ChangeEvents;
import org.civicregistry.commons.tracing.TraceContext;
import org.civicregistry.commons.kafka.DeadLetters;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.worker.Worker;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.stream.CloudEventJson;
import org.civicregistry.gateway.stream.Freshness;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Turns each change on the topics into one pending delivery per matching subscription, in the
 * gateway's database, before the Kafka offset is committed: a restart resumes where it stopped and
 * loses nothing; a repeat is dropped by the (subscription, event id) key, and a stale version of a
 * record (one at or below the latest ingested) by {@code webhook_record_version}.
 * <p>
 * Values are read as raw bytes and decoded here ({@link ChangeEvents#envelope}): a record that is not a
 * CloudEvent can never be ingested, so it goes to the {@link DeadLetters} topic and is skipped,
 * instead of stopping its partition. Anything else that fails (Kafka or the database unreachable)
 * holds the partition: the batch is read again, after a wait that grows with each failure in a row
 * and is jittered ({@link Backoff}), for as long as it takes.
 */
@ApplicationScoped
public class WebhookIngest {

    private static final Logger LOG = Logger.getLogger(WebhookIngest.class);
    static final String GROUP = "civic-gateway-webhooks";

    private final GatewayConfig config;
    private final Map<String, Object> kafkaConfig;
    private final EntityManager em;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final Worker worker = new Worker("webhook-ingest", () -> this.consumer.wakeup());
    private KafkaConsumer<byte[], byte[]> consumer;

    public WebhookIngest(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EntityManager em,
            DeadLetters deadLetters) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.em = em;
        this.deadLetters = deadLetters;
        this.backoff = new Backoff(config.kafkaRetry().initialBackoff(), config.kafkaRetry().maxBackoff());
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = KafkaClients.settings(kafkaConfig, Map.of());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        // Committed records only: an aborted batch of a fenced outbox relay must never be delivered.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // From the start the first time, so nothing published before the gateway's first start is
        // missed; a subscription still gets only the changes made after it was registered.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(config.stream().topics());
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(5));
    }

    private void run() {
        int failures = 0;
        try {
            while (worker.running()) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // Without a wait, a poll that fails at once (it used to, on a record its deserializer
                    // could not read) would spin this thread at full speed.
                    failures++;
                    LOG.warnf("Webhook ingest could not poll (%d in a row): %s", failures, e.getMessage());
                    Worker.pause(backoff.next());
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    ingest(records);
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    // Not ingested: the same records come again after a rewind.
                    failures++;
                    LOG.warnf("Webhook ingest failed (%s, %d in a row); reading the batch again", e.getMessage(), failures);
                    rewind(records);
                    Worker.pause(backoff.next());
                    continue;
                }
                failures = 0;
                backoff.reset();
                // ingesting a change again adds nothing (the keys above)
                Commits.commitOrGoOn(consumer, LOG, "Webhook ingest");
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * The batch's changes in one transaction, then its records that are not CloudEvents to the
     * dead-letter topic: after the transaction, so a batch read again after a database failure does
     * not dead-letter them twice; before the commit, so none is skipped unless it is safe there.
     */
    private void ingest(ConsumerRecords<byte[], byte[]> records) {
        List<Map.Entry<ConsumerRecord<byte[], byte[]>, CloudEvent>> events = new ArrayList<>();
        Map<ConsumerRecord<byte[], byte[]>, String> undecodable = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                events.add(Map.entry(record, ChangeEvents.envelope(record)));
            } catch (ChangeEvents.Undecodable e) {
                undecodable.put(record, e.getMessage());
            }
        }
        if (!events.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> {
                // Read once per batch, not per change: at 100 changes a second the per-change
                // query was a third of this thread's time.
                // a paused subscription's changes are queued, for when it is resumed
                List<WebhookSubscription> subscriptions = WebhookSubscription.list("status in ?1",
                        List.of(WebhookSubscription.Status.ACTIVE, WebhookSubscription.Status.PAUSED));
                events.forEach(e -> enqueue(e.getKey().topic(), e.getValue(), subscriptions));
            });
        }
        undecodable.forEach((record, reason) -> deadLetters.send(GROUP, record, reason));
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (var partition : records.partitions()) {
            try {
                consumer.seek(partition, records.records(partition).get(0).offset());
            } catch (IllegalStateException e) {
                // no longer assigned to this consumer: its next owner starts at the committed offset
            }
        }
    }

    private void enqueue(String topic, CloudEvent event, List<WebhookSubscription> subscriptions) {
        if (!advances(topic, event)) {
            return;
        }
        OffsetDateTime eventTime = event.getTime() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.getTime();
        String body = null;
        TraceContext trace = TraceContext.of(event);
        for (WebhookSubscription subscription : subscriptions) {
            if (!subscription.wants(topic, event.getType()) || eventTime.isBefore(subscription.createdAt)) {
                continue;
            }
            if (body == null) {
                body = CloudEventJson.of(event);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            em.createNativeQuery("insert into webhook_delivery (subscription_id, event_id, event_type, subject, topic, body,"
                    + " trace_parent, trace_state, status, attempts, next_attempt_at, created_at) values (:sub, :eventId, :type,"
                    + " :subject, :topic, :body, :traceParent, :traceState, 'PENDING', 0, :now, :now)"
                    + " on conflict (subscription_id, event_id) do nothing")
                    .setParameter("sub", subscription.id)
                    .setParameter("eventId", event.getId())
                    .setParameter("type", event.getType())
                    .setParameter("subject", event.getSubject())
                    .setParameter("topic", topic)
                    .setParameter("body", body)
                    .setParameter("traceParent", trace.parent())
                    .setParameter("traceState", trace.state())
                    .setParameter("now", now)
                    .executeUpdate();
        }
    }

    /**
     * Records the change's version as its record's latest, in the batch's transaction; false for a
     * repeat or an older version than one already ingested (those would undo a receiver's newer state).
     */
    private boolean advances(String topic, CloudEvent event) {
        OptionalInt version = Freshness.version(event);
        if (event.getSubject() == null || version.isEmpty()) {
            return true;
        }
        return em.createNativeQuery("insert into webhook_record_version (topic, subject, version) values (:topic, :subject, :version)"
                + " on conflict (topic, subject) do update set version = excluded.version"
                + " where webhook_record_version.version < excluded.version")
                .setParameter("topic", topic)
                .setParameter("subject", event.getSubject())
                .setParameter("version", version.getAsInt())
                .executeUpdate() == 1;
    }
}

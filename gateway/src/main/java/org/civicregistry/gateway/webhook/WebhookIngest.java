package org.civicregistry.gateway.webhook;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicregistry.commons.consumer.Commits;
import org.civicregistry.gateway.GatewayConfig;
import org.civicregistry.gateway.stream.CloudEventJson;
import org.civicregistry.gateway.stream.Freshness;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Turns each change on the topics into one pending delivery per matching subscription, in the
 * gateway's database, before the Kafka offset is committed: a restart resumes where it stopped and
 * loses nothing; a repeat is dropped by the (subscription, event id) key, and a stale version of a
 * record (one at or below the latest ingested) by {@code webhook_record_version}.
 */
@ApplicationScoped
public class WebhookIngest {

    private static final Logger LOG = Logger.getLogger(WebhookIngest.class);
    static final String GROUP = "civic-gateway-webhooks";

    private final GatewayConfig config;
    private final Map<String, Object> kafkaConfig;
    private final EntityManager em;
    private volatile boolean running;
    private KafkaConsumer<String, CloudEvent> consumer;
    private Thread thread;

    public WebhookIngest(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, EntityManager em) {
        this.config = config;
        this.kafkaConfig = kafkaConfig;
        this.em = em;
    }

    void start(@Observes StartupEvent event) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        // From the start the first time, so nothing published before the gateway's first start is
        // missed; a subscription still gets only the changes made after it was registered.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new CloudEventDeserializer());
        consumer.subscribe(config.stream().topics());
        running = true;
        thread = new Thread(this::run, "webhook-ingest");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<String, CloudEvent> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warnf("Webhook ingest could not poll: %s", e.getMessage());
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    QuarkusTransaction.requiringNew().run(() -> {
                        // Read once per batch, not per change: at 100 changes a second the per-change
                        // query was a third of this thread's time.
                        List<WebhookSubscription> subscriptions = WebhookSubscription.list("status",
                                WebhookSubscription.Status.ACTIVE);
                        records.forEach(record -> enqueue(record, subscriptions));
                    });
                } catch (RuntimeException e) {
                    // Not ingested: the same records come again after a rewind.
                    LOG.warnf("Webhook ingest failed (%s); reading the batch again", e.getMessage());
                    rewind(records);
                    sleep();
                    continue;
                }
                // ingesting a change again adds nothing (the keys above)
                Commits.commitOrGoOn(consumer, LOG, "Webhook ingest");
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void rewind(ConsumerRecords<String, CloudEvent> records) {
        for (var partition : records.partitions()) {
            try {
                consumer.seek(partition, records.records(partition).get(0).offset());
            } catch (IllegalStateException e) {
                // no longer assigned to this consumer: its next owner starts at the committed offset
            }
        }
    }

    private void enqueue(ConsumerRecord<String, CloudEvent> record, List<WebhookSubscription> subscriptions) {
        CloudEvent event = record.value();
        if (event == null) {
            return;
        }
        if (!advances(record.topic(), event)) {
            return;
        }
        OffsetDateTime eventTime = event.getTime() == null ? OffsetDateTime.now(ZoneOffset.UTC) : event.getTime();
        String body = null;
        for (WebhookSubscription subscription : subscriptions) {
            if (!subscription.wants(record.topic(), event.getType()) || eventTime.isBefore(subscription.createdAt)) {
                continue;
            }
            if (body == null) {
                body = CloudEventJson.of(event);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            em.createNativeQuery("insert into webhook_delivery (subscription_id, event_id, event_type, subject, topic, body,"
                    + " status, attempts, next_attempt_at, created_at) values (:sub, :eventId, :type, :subject, :topic, :body,"
                    + " 'PENDING', 0, :now, :now) on conflict (subscription_id, event_id) do nothing")
                    .setParameter("sub", subscription.id)
                    .setParameter("eventId", event.getId())
                    .setParameter("type", event.getType())
                    .setParameter("subject", event.getSubject())
                    .setParameter("topic", record.topic())
                    .setParameter("body", body)
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

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.civicregistry.commons.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Moves a record that can never be applied (not a CloudEvent, data that does not parse) to
 * {@value #TOPIC}, with where it came from and why, so the consumer can go on and an operator can
 * look at it. Only such records come here: a failure that may pass (a database restarting) holds the
 * partition instead. Each move is counted ({@code civic.consumer.dead.letters}) and alerted on.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    public static final String TOPIC = "civic.deadletter.v1";
    public static final String HEADER_PREFIX = "civic-dlq-";

    private final Map<String, Object> kafkaConfig;
    private final TopicsConfig topics;
    private final MeterRegistry registry;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean topicReady;

    public DeadLetters(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, TopicsConfig topics,
            MeterRegistry registry) {
        this.kafkaConfig = kafkaConfig;
        this.topics = topics;
        this.registry = registry;
    }

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(2));
            }
        }
    }

    /**
     * Publishes the record to the dead-letter topic and waits for the acknowledgement; the caller
     * commits past the record only after this returned.
     *
     * @throws Topics.KafkaUnavailable when it could not be published (the caller tries again)
     */
    public synchronized void send(String consumer, ConsumerRecord<?, byte[]> record, String reason) {
        ensureTopic();
        Headers headers = new RecordHeaders(record.headers().toArray());
        header(headers, "topic", record.topic());
        header(headers, "partition", String.valueOf(record.partition()));
        header(headers, "offset", String.valueOf(record.offset()));
        header(headers, "consumer", consumer);
        header(headers, "reason", reason);
        try {
            producer().send(new ProducerRecord<>(TOPIC, null, keyBytes(record.key()), record.value(), headers))
                    .get(topics.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new Topics.KafkaUnavailable("cannot publish to " + TOPIC + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Topics.KafkaUnavailable("interrupted");
        }
        Counter.builder("civic.consumer.dead.letters").description("Records moved to the dead-letter topic")
                .tag("consumer", consumer).tag("topic", record.topic()).register(registry).increment();
        LOG.errorf("Moved %s-%d@%d to %s: %s (consumer %s)", record.topic(), record.partition(), record.offset(), TOPIC,
                reason, consumer);
    }

    private static byte[] keyBytes(Object key) {
        return key == null ? null : key instanceof byte[] bytes ? bytes : key.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(Headers headers, String name, String value) {
        headers.remove(HEADER_PREFIX + name);
        headers.add(HEADER_PREFIX + name, value.getBytes(StandardCharsets.UTF_8));
    }

    private void ensureTopic() {
        if (!topicReady) {
            try (Admin admin = Admin.create(KafkaClients.settings(kafkaConfig, Map.of()))) {
                // A dead letter is whatever the stream carried: it gets the streams' own record bound.
                Topics.ensure(admin, new Topics.Spec(TOPIC, topics, RecordLimits.TOPIC_MAX_MESSAGE_BYTES));
            }
            topicReady = true;
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(KafkaClients.settings(kafkaConfig, Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.TOPIC_MAX_MESSAGE_BYTES,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "dead-letters")), new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}

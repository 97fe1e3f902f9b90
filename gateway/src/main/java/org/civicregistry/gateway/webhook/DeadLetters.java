package org.civicregistry.gateway.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.civicregistry.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The dead-letter topic ({@code civic.gateway.webhooks.dead-letter-topic}, {@code civic.deadletter.v1}):
 * where a consumer puts a record it can never apply (not a CloudEvent) before it skips it, so the
 * partition goes on and the record is kept for someone to look at. Each letter is the original
 * key, value and headers, plus {@code civic-dlq-topic}, {@code civic-dlq-partition},
 * {@code civic-dlq-offset}, {@code civic-dlq-consumer} (its group) and {@code civic-dlq-reason}
 * (UTF-8 text). Sent synchronously by an idempotent producer with {@code acks=all}: the caller
 * commits the offset only once the letter is safe. Creates the topic when it is missing (Kafka
 * does not create topics here): 3 partitions, kept forever.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final GatewayConfig.Webhooks config;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry registry;
    private KafkaProducer<byte[], byte[]> producer;
    private volatile boolean topicReady;

    public DeadLetters(GatewayConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry registry) {
        this.config = config.webhooks();
        this.kafkaConfig = kafkaConfig;
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
     * Puts the record on the dead-letter topic and waits for the broker's acknowledgement; counted as
     * {@code civic.consumer.dead.letters} by consumer and logged at ERROR.
     *
     * @throws IllegalStateException when it could not be written: the caller must not skip the record then
     */
    public void send(ConsumerRecord<byte[], byte[]> record, String consumer, String reason) {
        ensureTopic();
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(config.deadLetterTopic(), null, record.key(), record.value());
        for (Header header : record.headers()) {
            letter.headers().add(header.key(), header.value());
        }
        letter.headers().add("civic-dlq-topic", utf8(record.topic()))
                .add("civic-dlq-partition", utf8(String.valueOf(record.partition())))
                .add("civic-dlq-offset", utf8(String.valueOf(record.offset())))
                .add("civic-dlq-consumer", utf8(consumer))
                .add("civic-dlq-reason", utf8(reason));
        try {
            producer().send(letter).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("dead letter not written: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("dead letter not written in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        registry.counter("civic.consumer.dead.letters", "consumer", consumer).increment();
        LOG.errorf("Dead-lettered %s-%d@%d (consumer %s) to %s: %s", record.topic(), record.partition(), record.offset(), consumer,
                config.deadLetterTopic(), reason);
    }

    private synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> props = connection();
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void ensureTopic() {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(connection())) {
            NewTopic topic = new NewTopic(config.deadLetterTopic(), 3, config.deadLetterReplicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1"));
            admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            LOG.infof("Created the dead-letter topic %s", config.deadLetterTopic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + config.deadLetterTopic() + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot create " + config.deadLetterTopic() + " in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        topicReady = true;
    }

    private Map<String, Object> connection() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        return props;
    }

    private static byte[] utf8(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }
}

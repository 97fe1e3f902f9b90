package org.civicregistry.commons.consumer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads the topics the service's {@link Projection}s need, from the start of each topic the first
 * time (so a read model can be rebuilt by replaying), and applies each event in its own transaction
 * before committing the offset: an event is applied at least once, and projections make repeats and
 * stale versions harmless. Runs on its own thread; idle when the service has no projection.
 */
@ApplicationScoped
public class ReadModelConsumer {

    private static final Logger LOG = Logger.getLogger(ReadModelConsumer.class);

    private final Instance<Projection> projections;
    private final Map<String, Object> kafkaConfig;
    private final ConsumerConfig config;
    private final String applicationName;
    private final ObjectMapper mapper;
    private final Counter applied;
    private final Counter skipped;
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicReference<Instant> lastPoll = new AtomicReference<>();

    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<String, CloudEvent> consumer;

    public ReadModelConsumer(@jakarta.enterprise.inject.Any Instance<Projection> projections,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, ObjectMapper mapper,
            MeterRegistry registry) {
        this.projections = projections;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.applicationName = applicationName;
        this.mapper = mapper;
        this.applied = Counter.builder("civic.consumer.applied").description("Events applied to read models").register(registry);
        this.skipped = Counter.builder("civic.consumer.skipped").description("Events skipped after failing every attempt")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        Set<String> topics = new TreeSet<>();
        projections.forEach(p -> topics.addAll(p.topics()));
        if (!config.enabled() || topics.isEmpty()) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, config.groupId().orElse(applicationName));
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new CloudEventDeserializer());
        consumer.subscribe(List.copyOf(topics));
        running = true;
        thread = new Thread(this::run, "read-model-consumer");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Read-model consumer reads %s", topics);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Events not yet read across the assigned partitions, or -1 before the first poll. */
    public long lag() {
        return lag.get();
    }

    public Instant lastPoll() {
        return lastPoll.get();
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
                    LOG.warnf("Read-model consumer could not poll (%s); retrying", e.getMessage());
                    sleep(config.retryBackoff());
                    continue;
                }
                lastPoll.set(Instant.now());
                for (ConsumerRecord<String, CloudEvent> record : records) {
                    handle(record);
                }
                if (!records.isEmpty()) {
                    Commits.commitOrGoOn(consumer, LOG, "Read-model consumer");
                }
                updateLag();
            }
        } catch (WakeupException e) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        if (event == null || event.getData() == null) {
            LOG.warnf("Skipping %s-%d@%d: not a CloudEvent with data", record.topic(), record.partition(), record.offset());
            skipped.increment();
            return;
        }
        JsonNode data;
        try {
            data = mapper.readTree(event.getData().toBytes());
        } catch (IOException e) {
            LOG.warnf("Skipping %s %s: data is not JSON", event.getType(), event.getId());
            skipped.increment();
            return;
        }
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> projections.forEach(p -> {
                    if (p.topics().contains(record.topic())) {
                        p.apply(event, data);
                    }
                }));
                applied.increment();
                return;
            } catch (RuntimeException e) {
                if (attempt == config.attempts()) {
                    LOG.errorf(e, "Skipping %s %s (%s-%d@%d) after %d attempts", event.getType(), event.getId(),
                            record.topic(), record.partition(), record.offset(), attempt);
                    skipped.increment();
                } else {
                    LOG.warnf("Applying %s %s failed (%s); retrying", event.getType(), event.getId(), e.getMessage());
                    sleep(config.retryBackoff());
                }
            }
        }
    }

    private void updateLag() {
        try {
            var assignment = consumer.assignment();
            if (assignment.isEmpty()) {
                return;
            }
            long total = 0;
            for (var entry : consumer.endOffsets(assignment, Duration.ofSeconds(2)).entrySet()) {
                total += Math.max(0, entry.getValue() - consumer.position(entry.getKey(), Duration.ofSeconds(2)));
            }
            lag.set(total);
        } catch (RuntimeException e) {
            // lag is informational; the next poll tries again
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

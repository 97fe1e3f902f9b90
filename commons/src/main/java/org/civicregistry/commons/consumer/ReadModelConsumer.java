package org.civicregistry.commons.consumer;

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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civicregistry.commons.kafka.Backoff;
import org.civicregistry.commons.kafka.ChangeEvents;
import org.civicregistry.commons.kafka.DeadLetters;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.worker.Worker;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads the topics the service's {@link Projection}s need, from the start of each topic the first
 * time (so a read model can be rebuilt by replaying), and applies each event in its own transaction
 * before committing its offset: an event is applied at least once, and projections make repeats and
 * stale versions harmless.
 *
 * <p>It never skips an event it could apply later. When applying fails (the database restarting, a
 * connection lost) the partition is held: the consumer goes back to that event and tries again with
 * growing, jittered waits for as long as it takes. Only a record that can never be applied (not a
 * CloudEvent, data that is not a JSON object) goes to the dead-letter topic, and then the stream goes
 * on. It reads committed records only, so an aborted batch of the outbox relay is never applied.
 */
@ApplicationScoped
public class ReadModelConsumer {

    private static final Logger LOG = Logger.getLogger(ReadModelConsumer.class);

    private final Instance<Projection> projections;
    private final Map<String, Object> kafkaConfig;
    private final ConsumerConfig config;
    private final String group;
    private final ObjectMapper mapper;
    private final DeadLetters deadLetters;
    private final Counter applied;
    private final Counter retries;
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicReference<Instant> lastPoll = new AtomicReference<>();
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    private final Worker worker = new Worker("read-model-consumer", () -> this.consumer.wakeup());
    private KafkaConsumer<String, byte[]> consumer;

    public ReadModelConsumer(@Any Instance<Projection> projections,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ConsumerConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName, ObjectMapper mapper,
            DeadLetters deadLetters, MeterRegistry registry) {
        this.projections = projections;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.group = config.groupId().orElse(applicationName);
        this.mapper = mapper;
        this.deadLetters = deadLetters;
        this.applied = Counter.builder("civic.consumer.applied").description("Events applied to read models")
                .tag("consumer", group).register(registry);
        this.retries = Counter.builder("civic.consumer.retries")
                .description("Attempts to apply an event that failed and will be made again").tag("consumer", group)
                .register(registry);
        Gauge.builder("civic.consumer.lag", lag, AtomicLong::get)
                .description("Events on the followed topics not yet applied to the read models (-1 before the first poll)")
                .tag("consumer", group).register(registry);
    }

    void start(@Observes StartupEvent event) {
        Set<String> topics = new TreeSet<>();
        projections.forEach(p -> topics.addAll(p.topics()));
        if (!config.enabled() || topics.isEmpty()) {
            return;
        }
        consumer = new KafkaConsumer<>(KafkaClients.settings(kafkaConfig, Map.of(
                org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, group,
                org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                org.apache.kafka.clients.consumer.ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                org.apache.kafka.clients.consumer.ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000)),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.copyOf(topics));
        worker.start(this::run);
        LOG.infof("Read-model consumer reads %s", topics);
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(5));
    }

    /** Whether the consumer runs on this replica. */
    public boolean enabled() {
        return consumer != null;
    }

    /** Events not yet read across the assigned partitions, or -1 before the first poll. */
    public long lag() {
        return lag.get();
    }

    public Instant lastPoll() {
        return lastPoll.get();
    }

    /** Since when the event at the head of a held partition keeps failing; null when none does. */
    public Instant failingSince() {
        return failingSince.get();
    }

    public String lastError() {
        return lastError.get();
    }

    private void run() {
        Backoff backoff = new Backoff(config.retryBackoff(), config.maxRetryBackoff());
        try {
            while (worker.running()) {
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                } catch (WakeupException e) {
                    break;
                } catch (RuntimeException e) {
                    LOG.warnf("Read-model consumer could not poll (%s); retrying", e.getMessage());
                    Worker.pause(backoff.next());
                    continue;
                }
                lastPoll.set(Instant.now());
                if (records.isEmpty()) {
                    updateLag();
                    continue;
                }
                if (applyAll(records)) {
                    backoff.reset();
                    failingSince.set(null);
                } else {
                    Worker.pause(backoff.next());
                }
                updateLag();
            }
        } catch (WakeupException e) {
            // shutting down
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Applies the batch partition by partition, committing what was applied. A partition whose event
     * fails is rewound to that event (held); the others go on.
     *
     * @return false when a partition is held
     */
    private boolean applyAll(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        boolean allApplied = true;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (!handle(record)) {
                    consumer.seek(partition, record.offset());
                    allApplied = false;
                    break;
                }
                done.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            Commits.commitOrGoOn(consumer, done, LOG, "Read-model consumer");
        }
        return allApplied;
    }

    /** @return whether the record is done with (applied or dead-lettered); false to try it again later */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        ChangeEvents.Change change;
        try {
            change = ChangeEvents.decode(record, mapper);
        } catch (ChangeEvents.Undecodable e) {
            return deadLetter(record, e.getMessage());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> projections.forEach(p -> {
                if (p.topics().contains(record.topic())) {
                    p.apply(change.event(), change.data());
                }
            }));
            applied.increment();
            return true;
        } catch (RuntimeException e) {
            failed(record, e.toString());
            return false;
        }
    }

    private boolean deadLetter(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            deadLetters.send(group, record, reason);
            return true;
        } catch (RuntimeException e) {
            failed(record, "cannot dead-letter it: " + e.getMessage());
            return false;
        }
    }

    private void failed(ConsumerRecord<String, byte[]> record, String error) {
        retries.increment();
        lastError.set(error);
        Instant since = failingSince.get();
        if (since == null) {
            failingSince.set(Instant.now());
        }
        LOG.warnf("Applying %s-%d@%d failed (%s); the partition waits and it is tried again", record.topic(), record.partition(),
                record.offset(), error);
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

}

package org.civicregistry.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a plain Kafka consumer, as any subscriber would: records
 * with their key, headers and value as text.
 */
public final class TopicReader implements AutoCloseable {

    /** One record as a subscriber sees it. */
    public record Message(String key, Map<String, String> headers, String value, int partition, long offset) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Message> seen = new ArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // As the platform documents for every consumer: the outbox relay publishes in transactions.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until {@code done} holds for the records seen so far, or the timeout passes; returns them all. */
    public List<Message> readUntil(Predicate<List<Message>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new HashMap<>();
                for (Header header : record.headers()) {
                    headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                }
                seen.add(new Message(record.key(), headers,
                        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
                        record.partition(), record.offset()));
            }
        }
        return List.copyOf(seen);
    }

    /** The records whose key is {@code key}, in topic order, once at least {@code count} of them arrived. */
    public List<Message> forKey(String key, int count, Duration timeout) {
        return readUntil(all -> all.stream().filter(m -> key.equals(m.key())).count() >= count, timeout)
                .stream().filter(m -> key.equals(m.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

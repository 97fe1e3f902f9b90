package org.civicregistry.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civicregistry.embedded.KafkaBroker;

/**
 * Writes a record that is not a CloudEvent (arbitrary bytes, no {@code ce_} headers) to a topic, as
 * a misconfigured producer or a bug upstream would: a consumer must skip it, not stop or spin on it.
 */
final class Poison {

    static final String VALUE = "\u0000not a cloud event\u00ff";

    private Poison() {
    }

    /** Sends it keyed by {@code key} (so it lands in that record's partition) and waits for the acknowledgement. */
    static RecordMetadata send(String topic, String key) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBroker.shared().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, VALUE.getBytes(StandardCharsets.UTF_8))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package org.civicregistry.gateway.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * Reads the CloudEvent of a Kafka record whose value was consumed as raw bytes. The gateway's
 * consumers decode here, record by record, instead of in the consumer's deserializer: a deserializer
 * that throws makes {@code poll} throw at the same offset again and again, so one record that is not
 * a CloudEvent (arbitrary bytes, no {@code ce_} headers) would stop or spin a whole partition.
 */
public final class CloudEventRecords {

    /** Stateless once built: it only picks binary or structured mode from the headers. */
    private static final CloudEventDeserializer DESERIALIZER = new CloudEventDeserializer();

    private CloudEventRecords() {
    }

    /** A record that carries no CloudEvent; the message says why. */
    public static final class Undecodable extends Exception {
        Undecodable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * The record's CloudEvent, or null for a tombstone (no value).
     *
     * @throws Undecodable when the value and headers are not a valid CloudEvent
     */
    public static CloudEvent decode(ConsumerRecord<?, byte[]> record) throws Undecodable {
        if (record.value() == null) {
            return null;
        }
        try {
            CloudEvent event = DESERIALIZER.deserialize(record.topic(), record.headers(), record.value());
            if (event == null || event.getType() == null || event.getId() == null) {
                throw new Undecodable("not a CloudEvent: no id or type", null);
            }
            return event;
        } catch (RuntimeException e) {
            throw new Undecodable("not a CloudEvent: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }
}

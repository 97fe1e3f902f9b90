package org.civicregistry.commons.kafka;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;

/**
 * Reads a record of a civic topic as the CloudEvent it should be. Consumers take values as bytes
 * and decode them here, outside {@code poll}: a deserializer that throws inside {@code poll} makes
 * the consumer read the same offset again forever, so one bad record froze a whole stream.
 */
public final class ChangeEvents {

    private static final CloudEventDeserializer DESERIALIZER = new CloudEventDeserializer();

    private ChangeEvents() {
    }

    /** A decoded change: the envelope and its data (the record's snapshot, a JSON object). */
    public record Change(CloudEvent event, JsonNode data) {
    }

    /**
     * @throws Undecodable when the record is not a CloudEvent with a JSON object as data: it never
     *                     will be, so it belongs on the dead-letter topic
     */
    public static Change decode(ConsumerRecord<?, byte[]> record, ObjectMapper mapper) {
        CloudEvent event = envelope(record);
        if (event.getData() == null) {
            throw new Undecodable("the CloudEvent has no data");
        }
        JsonNode data;
        try {
            data = mapper.readTree(event.getData().toBytes());
        } catch (IOException e) {
            throw new Undecodable("its data is not JSON");
        }
        if (data == null || !data.isObject()) {
            throw new Undecodable("its data is not a JSON object");
        }
        return new Change(event, data);
    }

    /** The CloudEvent of the record, data left as it is. */
    public static CloudEvent envelope(ConsumerRecord<?, byte[]> record) {
        if (record.value() == null) {
            throw new Undecodable("it has no value");
        }
        CloudEvent event;
        try {
            event = DESERIALIZER.deserialize(record.topic(), record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new Undecodable("it is not a binary-mode CloudEvent (" + e.getMessage() + ")");
        }
        if (event == null || event.getId() == null || event.getType() == null) {
            throw new Undecodable("it is not a binary-mode CloudEvent (no id or type)");
        }
        return event;
    }

    /** A record that can never be applied, with the reason. */
    public static final class Undecodable extends RuntimeException {
        public Undecodable(String reason) {
            super(reason, null, false, false);
        }
    }
}

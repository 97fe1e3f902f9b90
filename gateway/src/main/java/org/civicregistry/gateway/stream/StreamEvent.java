package org.civicregistry.gateway.stream;

import org.apache.kafka.common.TopicPartition;

/** One change as read from a topic: where it sits, what it is, and its structured CloudEvent JSON. */
public record StreamEvent(TopicPartition partition, long offset, String type, String subject, String json) {
}

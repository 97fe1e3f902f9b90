package org.civicregistry.gateway.stream;

import org.apache.kafka.common.TopicPartition;

/**
 * One change as read from a topic: where it sits, what it is, and its structured CloudEvent JSON.
 * A {@code stale} one (a repeat, or an older version of its record than one already read) moves a
 * subscriber's position on but is not sent.
 */
public record StreamEvent(TopicPartition partition, long offset, String type, String subject, String json, boolean stale) {
}

package org.civicregistry.commons.consumer;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudevents.CloudEvent;

/**
 * Keeps part of a local read model from another service's change stream. Implement as a CDI bean;
 * {@link ReadModelConsumer} feeds it every event of its topics, each in its own transaction.
 * {@link #apply} must be idempotent and order-tolerant: apply an event only when its snapshot's
 * {@code version} is newer than the one held (see {@link ReadModels#upsertNewer}).
 */
public interface Projection {

    /** The topics this projection reads, e.g. {@code civic.officials.v1}. */
    Set<String> topics();

    /**
     * @param event the CloudEvent (type, subject, time, ...)
     * @param data  its data: the full snapshot of the record after the change
     */
    void apply(CloudEvent event, JsonNode data);
}

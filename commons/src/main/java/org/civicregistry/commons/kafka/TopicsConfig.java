package org.civicregistry.commons.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the platform's topics are created, and what a topic that exists already is checked against.
 * A change stream is the register's history: rebuilding a read model, a newsroom reading from the
 * beginning and an SSE resume all need every change it ever carried, so nothing is deleted by age
 * or size unless an operator says so here.
 */
@ConfigMapping(prefix = "civic.topics")
public interface TopicsConfig {

    /** Partitions of a topic the service creates. */
    @WithDefault("3")
    int partitions();

    /** Replication factor of a topic the service creates: 1 for a single broker, 3 in production. */
    @WithDefault("1")
    short replicationFactor();

    /** {@code min.insync.replicas} of the topics: with {@code acks=all}, how many copies a write needs. */
    @WithDefault("1")
    int minInsyncReplicas();

    /**
     * {@code retention.ms} of the topics; -1 keeps every change for ever. Shorter retention makes
     * rebuilds from the beginning lose what is older (SSE then says what it missed).
     */
    @WithDefault("-1")
    long retentionMs();

    /** How long to wait for the brokers while creating or checking a topic. */
    @WithDefault("10s")
    Duration timeout();
}

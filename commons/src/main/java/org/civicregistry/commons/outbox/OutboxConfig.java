package org.civicregistry.commons.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's change stream: where its events go and how the relay behaves. */
@ConfigMapping(prefix = "civic.outbox")
public interface OutboxConfig {

    /**
     * The topic every change of this service is published to, e.g. {@code civic.officials.v1}.
     * A service that publishes nothing (the gateway) leaves it unset: no relay, no outbox check.
     */
    Optional<String> topic();

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /civic-registry/officials}. */
    @WithDefault("/civic-registry")
    String source();

    Relay relay();

    interface Relay {
        /** Whether this replica runs a relay (only one relay per database publishes at a time). */
        @WithDefault("true")
        boolean enabled();

        /** Rows published per round trip. */
        @WithDefault("500")
        int batchSize();

        /** Fallback poll when no NOTIFY arrives. */
        @WithDefault("2s")
        Duration pollInterval();

        /** How long to wait for Kafka to acknowledge a batch. */
        @WithDefault("15s")
        Duration sendTimeout();

        /** Longest wait between retries while Kafka is unreachable. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * The {@code stream} health group (not readiness) goes DOWN when the oldest unpublished event
         * is older than this; the alert rules use the same figure.
         */
        @WithDefault("30s")
        Duration maxLag();

        /**
         * How long a database read on the lock's connection may take before the relay gives up its
         * leadership: a half-open connection must not stall publishing for longer.
         */
        @WithDefault("30s")
        Duration networkTimeout();
    }
}

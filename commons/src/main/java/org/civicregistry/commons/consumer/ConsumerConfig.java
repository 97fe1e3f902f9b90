package org.civicregistry.commons.consumer;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the service reads other services' topics into its read models. */
@ConfigMapping(prefix = "civic.consumer")
public interface ConsumerConfig {

    /** Whether this replica runs the read-model consumer. */
    @WithDefault("true")
    boolean enabled();

    /** The consumer group; defaults to the application name, so replicas share the work. */
    Optional<String> groupId();

    /** First wait after a failure to apply an event (the partition is held and the event tried again). */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest wait between attempts: an event that may apply later (database down) is tried for as long as it takes. */
    @WithDefault("10s")
    Duration maxRetryBackoff();

    /**
     * The {@code stream} health group goes DOWN when the consumer has been failing to apply an event
     * for longer than this, or has not polled for longer than this.
     */
    @WithDefault("30s")
    Duration maxStall();
}

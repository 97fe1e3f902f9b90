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

    /** Times an event is tried before it is logged and skipped (a poison event must not stop the stream). */
    @WithDefault("5")
    int attempts();

    /** Wait between attempts, and after a failed poll. */
    @WithDefault("1s")
    Duration retryBackoff();
}

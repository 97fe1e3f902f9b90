package org.civicregistry.commons.snapshot;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How whole-collection downloads ({@code GET /{collection}/snapshot}) share the service (civic.snapshot.*). */
@ConfigMapping(prefix = "civic.snapshot")
public interface SnapshotConfig {

    /** Downloads served at once; each holds a database connection for as long as its client reads. */
    @WithDefault("2")
    int concurrent();

    /**
     * How long a download may wait for the outbox to be published before it answers 503: a download
     * starts where the stream ends, so it cannot start while the relay cannot publish.
     */
    @WithDefault("10s")
    Duration drainTimeout();

    /**
     * The longest writers are held back while a download fixes its starting point: writers wait for
     * the last published change to reach Kafka, at most this long per attempt.
     */
    @WithDefault("1s")
    Duration pause();

    /** Rows fetched from the database per round trip while a download streams. */
    @WithDefault("500")
    int fetchSize();
}

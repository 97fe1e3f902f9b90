package org.civicregistry.commons.kafka;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for the platform's retry loops: each wait doubles up to a cap and
 * is drawn between half and all of it, so replicas that failed together do not retry in step.
 * Not thread-safe: one per loop.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private Duration current;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.current = initial;
    }

    /** The next wait, then doubles the base. */
    public Duration next() {
        long millis = current.toMillis();
        Duration wait = Duration.ofMillis(millis / 2 + ThreadLocalRandom.current().nextLong(millis / 2 + 1));
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
        return wait;
    }

    /** Back to the first wait, after a success. */
    public void reset() {
        current = initial;
    }
}

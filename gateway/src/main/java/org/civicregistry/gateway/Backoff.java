package org.civicregistry.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a reader of Kafka (stream feed, replay, webhook ingest) waits after its n-th failure in a
 * row: {@code initial × 2^(n−1)}, at most {@code max}, then a random point in the upper half of that
 * ("equal jitter"), so that replicas which failed together (Kafka or the database gone) do not all
 * come back in the same millisecond, and a failure that repeats never turns into a tight loop.
 */
public record Backoff(Duration initial, Duration max) {

    public static Backoff of(GatewayConfig.KafkaRetry config) {
        return new Backoff(config.initialBackoff(), config.maxBackoff());
    }

    public Duration delay(int failures) {
        long cap = max.toMillis();
        long wait = Math.min(cap, initial.toMillis() << Math.min(20, Math.max(0, failures - 1)));
        long half = Math.max(1, wait / 2);
        return Duration.ofMillis(wait - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /** Sleeps {@link #delay(int)}. */
    public void sleep(int failures) throws InterruptedException {
        Thread.sleep(delay(failures).toMillis());
    }
}

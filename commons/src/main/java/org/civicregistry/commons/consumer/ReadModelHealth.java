package org.civicregistry.commons.consumer;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.civicregistry.commons.outbox.OutboxHealth;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * How far the read models are behind the topics they follow, in the {@code stream} health group:
 * DOWN while an event keeps failing (its partition held) or the consumer has not polled for longer
 * than {@code civic.consumer.max-stall}. Not readiness: the service still answers from what it has.
 */
@HealthGroup(OutboxHealth.GROUP)
@ApplicationScoped
public class ReadModelHealth implements HealthCheck {

    private final ReadModelConsumer consumer;
    private final ConsumerConfig config;

    public ReadModelHealth(ReadModelConsumer consumer, ConsumerConfig config) {
        this.consumer = consumer;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("read-models");
        if (!consumer.enabled()) {
            return response.up().withData("consumer", "none on this replica").build();
        }
        Instant now = Instant.now();
        response.withData("lag", consumer.lag());
        boolean up = true;
        Instant lastPoll = consumer.lastPoll();
        if (lastPoll != null) {
            long ago = Duration.between(lastPoll, now).toMillis();
            response.withData("lastPollMillisAgo", ago);
            up = ago <= config.maxStall().toMillis();
        }
        Instant failing = consumer.failingSince();
        if (failing != null) {
            long millis = Duration.between(failing, now).toMillis();
            response.withData("failingMillis", millis).withData("lastError", String.valueOf(consumer.lastError()));
            up &= millis <= config.maxStall().toMillis();
        }
        return response.status(up).build();
    }
}

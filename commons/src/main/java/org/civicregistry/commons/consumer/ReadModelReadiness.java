package org.civicregistry.commons.consumer;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** How far the read models are behind the topics they follow (events not yet applied). */
@Readiness
@ApplicationScoped
public class ReadModelReadiness implements HealthCheck {

    private final ReadModelConsumer consumer;

    public ReadModelReadiness(ReadModelConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("read-models").up();
        Instant lastPoll = consumer.lastPoll();
        response.withData("lag", consumer.lag());
        if (lastPoll != null) {
            response.withData("lastPollMillisAgo", Duration.between(lastPoll, Instant.now()).toMillis());
        }
        return response.build();
    }
}

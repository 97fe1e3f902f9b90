package org.civicregistry.commons.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * The change stream's health, at {@code /q/health/group/stream}: how many committed changes wait for
 * Kafka and for how long, parked rows, and topic settings that differ from the platform's. DOWN
 * when the oldest change waits longer than {@code civic.outbox.relay.max-lag} or a row is parked.
 *
 * <p>Not readiness: readiness means "can serve requests", and a service whose broker is down still
 * can (writes commit, the outbox grows). As a readiness check this took every replica out of
 * rotation 30 s into a broker outage, and with them the reads.
 */
@HealthGroup(OutboxHealth.GROUP)
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    /** The health group of the change streams (outbox and read models). */
    public static final String GROUP = "stream";

    private final OutboxRelay relay;
    private final OutboxMetrics metrics;
    private final OutboxConfig config;

    public OutboxHealth(OutboxRelay relay, OutboxMetrics metrics, OutboxConfig config) {
        this.relay = relay;
        this.metrics = metrics;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        if (config.topic().isEmpty()) {
            return response.up().withData("topic", "none").build();
        }
        response.withData("topic", config.topic().get());
        OutboxMetrics.Backlog backlog = metrics.backlog();
        if (backlog.error() != null) {
            return response.down().withData("error", backlog.error()).build();
        }
        response.withData("pending", backlog.pending()).withData("lagMillis", backlog.lagMillis())
                .withData("parked", backlog.parked()).withData("publisher", relay.leader());
        if (relay.lastError() != null) {
            response.withData("lastError", relay.lastError());
        }
        if (!metrics.topicMismatches().isEmpty()) {
            response.withData("topicMismatches", String.join("; ", metrics.topicMismatches()));
        }
        return response.status(backlog.lagMillis() <= config.relay().maxLag().toMillis() && backlog.parked() == 0).build();
    }
}

package org.civicregistry.commons.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.agroal.api.AgroalDataSource;

/**
 * Readiness of the change stream: how many committed changes wait for Kafka and for how long.
 * DOWN when the oldest waits longer than {@code civic.outbox.relay.max-lag}: the service still
 * accepts writes, but its stream is behind.
 */
@Readiness
@ApplicationScoped
public class OutboxReadiness implements HealthCheck {

    private final AgroalDataSource dataSource;
    private final OutboxRelay relay;
    private final OutboxConfig config;

    public OutboxReadiness(AgroalDataSource dataSource, OutboxRelay relay, OutboxConfig config) {
        this.dataSource = dataSource;
        this.relay = relay;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        if (config.topic().isEmpty()) {
            return response.up().withData("topic", "none").build();
        }
        response.withData("topic", config.topic().get());
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*), min(occurred_at) from outbox_event")) {
            rs.next();
            long pending = rs.getLong(1);
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            long lagMillis = oldest == null ? 0 : Math.max(0, Duration.between(oldest, OffsetDateTime.now(ZoneOffset.UTC)).toMillis());
            response.withData("pending", pending).withData("lagMillis", lagMillis).withData("publisher", relay.leader());
            if (relay.lastError() != null) {
                response.withData("lastError", relay.lastError());
            }
            return response.status(lagMillis <= config.relay().maxLag().toMillis()).build();
        } catch (SQLException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}

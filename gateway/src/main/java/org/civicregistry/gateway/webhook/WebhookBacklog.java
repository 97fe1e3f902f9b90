package org.civicregistry.gateway.webhook;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * How far webhook delivery is behind, for the operator's dashboard and alerts: the deliveries still
 * pending, and the age of the oldest one an active subscription waits for. A paused or stopped
 * receiver's queue counts in the backlog (it is work the database holds) but not in the age, which
 * would otherwise alert on a receiver its owner paused on purpose.
 * <p>
 * The two gauges share one query, and a reading is reused for a few seconds: Prometheus and the
 * dashboard scrape every replica, and the count is not worth a query per scrape and gauge. Every
 * replica reports the same shared queue, so dashboards take the max, not the sum.
 */
@ApplicationScoped
public class WebhookBacklog {

    private static final Logger LOG = Logger.getLogger(WebhookBacklog.class);
    private static final Duration REUSE = Duration.ofSeconds(5);
    private static final String QUERY = "select count(*), coalesce(extract(epoch from now() - min(d.created_at) "
            + "filter (where s.status = 'ACTIVE')), 0) from webhook_delivery d "
            + "join webhook_subscription s on s.id = d.subscription_id where d.status = 'PENDING'";

    private final DataSource dataSource;
    private final MeterRegistry registry;
    private Reading reading = new Reading(Instant.EPOCH, Double.NaN, Double.NaN);

    /** One read of the queue; NaN when the database could not answer (the scrape still succeeds, and shows NaN). */
    record Reading(Instant at, double pending, double oldestPendingSeconds) {
    }

    WebhookBacklog(DataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("civic.webhook.backlog", this, backlog -> backlog.current().pending())
                .description("Webhook deliveries not yet sent, of every subscription (the same on every replica)")
                .register(registry);
        Gauge.builder("civic.webhook.oldest.pending", this, backlog -> backlog.current().oldestPendingSeconds())
                .description("Age of the oldest delivery an active subscription still waits for").baseUnit("seconds")
                .register(registry);
    }

    synchronized Reading current() {
        Instant now = Instant.now();
        if (reading.at().plus(REUSE).isBefore(now)) {
            reading = read(now);
        }
        return reading;
    }

    private Reading read(Instant now) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(QUERY)) {
            row.next();
            return new Reading(now, row.getLong(1), row.getDouble(2));
        } catch (SQLException e) {
            // the readiness check reports the database; a scrape must not fail for it
            LOG.debugf(e, "Reading the webhook backlog failed");
            return new Reading(now, Double.NaN, Double.NaN);
        }
    }
}

package org.civicregistry.commons.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What operators watch of the change stream: events waiting in the outbox and for how long, parked
 * rows, publish failures, topic settings that differ from the platform's. Exposed as Prometheus
 * metrics (the alert rules in {@code deploy/prometheus} read them) and in the {@code stream} health
 * group, never in readiness: a broker outage must not take a service out of rotation.
 */
@ApplicationScoped
public class OutboxMetrics {

    /** How long one reading of the outbox table serves scrapes and health calls. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final AgroalDataSource dataSource;
    private final Counter published;
    private final Counter failures;
    private final Counter parkedRows;
    private final AtomicReference<Backlog> backlog = new AtomicReference<>(Backlog.NONE);
    private volatile List<String> topicMismatches = List.of();

    /** The outbox as last read: waiting rows, the age of the oldest, parked rows (or the error reading them). */
    public record Backlog(long pending, long lagMillis, long parked, String error, Instant readAt) {
        static final Backlog NONE = new Backlog(0, 0, 0, null, Instant.EPOCH);
    }

    public OutboxMetrics(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry registry) {
        this.dataSource = dataSource;
        String topic = config.topic().orElse("none");
        this.published = Counter.builder("civic.outbox.published").description("Events published to Kafka")
                .tag("topic", topic).register(registry);
        this.failures = Counter.builder("civic.outbox.failures").description("Failed publish attempts")
                .tag("topic", topic).register(registry);
        this.parkedRows = Counter.builder("civic.outbox.parked.rows").description("Outbox rows parked as unpublishable")
                .tag("topic", topic).register(registry);
        if (config.topic().isPresent()) {
            Gauge.builder("civic.outbox.pending", this, m -> m.backlog().pending())
                    .description("Committed changes not yet acknowledged by Kafka").tag("topic", topic).register(registry);
            Gauge.builder("civic.outbox.lag.seconds", this, m -> m.backlog().lagMillis() / 1000.0)
                    .description("Age of the oldest change not yet acknowledged by Kafka").tag("topic", topic).register(registry);
            Gauge.builder("civic.outbox.parked", this, m -> m.backlog().parked())
                    .description("Changes that could not be published and wait for an operator").tag("topic", topic)
                    .register(registry);
            Gauge.builder("civic.topic.mismatches", this, m -> m.topicMismatches().size())
                    .description("Settings of the topic that differ from the platform's").tag("topic", topic).register(registry);
        }
    }

    void published(int count) {
        published.increment(count);
    }

    void failed() {
        failures.increment();
    }

    void parked(int count) {
        parkedRows.increment(count);
    }

    void topicMismatches(List<String> mismatches) {
        topicMismatches = List.copyOf(mismatches);
    }

    public List<String> topicMismatches() {
        return topicMismatches;
    }

    /** The outbox as read at most a second ago. */
    public Backlog backlog() {
        Backlog last = backlog.get();
        if (Duration.between(last.readAt(), Instant.now()).compareTo(FRESH) < 0) {
            return last;
        }
        Backlog now = read();
        backlog.set(now);
        return now;
    }

    private Backlog read() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select (select count(*) from outbox_event),"
                        + " (select min(occurred_at) from outbox_event), (select count(*) from outbox_parked)")) {
            rs.next();
            OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
            long lag = oldest == null ? 0 : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toMillis());
            return new Backlog(rs.getLong(1), lag, rs.getLong(3), null, Instant.now());
        } catch (SQLException e) {
            return new Backlog(0, 0, 0, e.getMessage(), Instant.now());
        }
    }
}

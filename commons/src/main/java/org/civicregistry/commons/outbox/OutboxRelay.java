package org.civicregistry.commons.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.civicregistry.commons.kafka.Backoff;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.kafka.RecordLimits;
import org.civicregistry.commons.kafka.Topics;
import org.civicregistry.commons.kafka.TopicsConfig;
import org.civicregistry.commons.worker.Worker;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes the outbox to Kafka, in id order, as CloudEvents in binary mode keyed by record id.
 *
 * <p>One relay per database leads at a time: it holds a PostgreSQL session advisory lock on its own
 * connection, so replicas of a service keep the order of events. The lock alone is not enough, since
 * a session killed server-side (or a network partition) lets the next leader start while the old one
 * is still sending; {@link OutboxPublisher} fences that one with a Kafka transactional id shared by
 * the replicas. The lock's connection has a network timeout and TCP keepalives, so a half-open
 * connection neither holds the lock on the server nor stalls this thread for long.
 *
 * <p>It is woken by {@code LISTEN civic_outbox} (a trigger notifies on commit) with a slow poll as
 * fallback. A row is deleted only after its batch's transaction committed; when Kafka is down the rows
 * stay, writes go on, and the backlog is sent when it returns. A new leader deletes what the last one
 * published but could not delete before it sends anything, so a failover repeats nothing; consumers
 * still drop repeats by version, as at-least-once delivery asks of them.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "civic_outbox";

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final OutboxConfig config;
    private final TopicsConfig topics;
    private final OutboxMetrics metrics;
    private final String topic;
    private final long lockKey;
    /** Aborts a connection whose network timeout passed (the driver's contract for setNetworkTimeout). */
    private final Executor aborts = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-relay-abort");
        t.setDaemon(true);
        return t;
    });

    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean leader;
    private final Worker worker = new Worker("outbox-relay", null);
    private OutboxPublisher publisher;
    private boolean topicChecked;

    public OutboxRelay(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            OutboxConfig config, TopicsConfig topics, OutboxMetrics metrics) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.topics = topics;
        this.metrics = metrics;
        // One lock per topic: the services share no database, but a shared server must not make them wait on each other.
        this.topic = config.topic().orElse(null);
        this.lockKey = lockKey(topic);
    }

    /** The advisory lock whose holder is the one relay publishing {@code topic}. */
    public static long lockKey(String topic) {
        return ("civic-outbox:" + topic).hashCode();
    }

    void start(@Observes StartupEvent event) {
        if (topic == null) {
            return;
        }
        if (!config.relay().enabled()) {
            LOG.info("Outbox relay disabled on this replica");
            return;
        }
        worker.start(this::run);
    }

    void stop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(5));
        closePublisher();
    }

    /** Whether this replica holds the relay lock. */
    public boolean leader() {
        return leader;
    }

    public Instant lastSuccess() {
        return lastSuccess.get();
    }

    public String lastError() {
        return lastError.get();
    }

    private void run() {
        Backoff backoff = new Backoff(Duration.ofMillis(200), config.relay().maxBackoff());
        while (worker.running()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                guard(connection);
                if (!tryLock(connection)) {
                    Worker.pause(config.relay().pollInterval().multipliedBy(2));
                    continue;
                }
                try {
                    leader = true;
                    LOG.infof("Outbox relay for %s is the publisher", topic);
                    try (Statement listen = connection.createStatement()) {
                        listen.execute("LISTEN " + CHANNEL);
                    }
                    PGConnection notifications = connection.unwrap(PGConnection.class);
                    while (worker.running()) {
                        ensureTopic();
                        if (publisher == null) {
                            publisher = new OutboxPublisher(kafkaConfig, config, topic, metrics, connection);
                        }
                        boolean drained = publisher.publishBatch(connection);
                        lastSuccess.set(Instant.now());
                        lastError.set(null);
                        backoff.reset();
                        if (drained) {
                            // Returns as soon as a writer's transaction commits (trigger → NOTIFY).
                            notifications.getNotifications((int) config.relay().pollInterval().toMillis());
                        }
                    }
                } finally {
                    release(connection);
                }
            } catch (SQLException e) {
                if (worker.running()) {
                    recordFailure("database: " + e.getMessage());
                    LOG.warnf("Outbox relay lost its database connection (%s); retrying", e.getMessage());
                }
                // The lock went with the session: whoever leads next fences this relay's producer.
                closePublisher();
            } catch (OutboxPublisher.PublishException | Topics.KafkaUnavailable e) {
                recordFailure(e.getMessage());
                // A producer that failed can stay wedged (stale metadata, a transaction it cannot
                // abort): the next attempt starts with a new one, whose initTransactions also
                // aborts whatever this one left open.
                closePublisher();
                topicChecked = false;
                if (e instanceof OutboxPublisher.PublishException publish && publish.fenced) {
                    LOG.infof("Outbox relay stepped down: %s", e.getMessage());
                } else {
                    LOG.warnf("Outbox relay could not publish to Kafka (%s); retrying", e.getMessage());
                }
            } catch (RuntimeException e) {
                recordFailure(e.toString());
                closePublisher();
                LOG.errorf(e, "Outbox relay failed; retrying");
            } finally {
                leader = false;
            }
            Worker.pause(backoff.next());
        }
    }

    /**
     * Bounds how long the lock's connection may hang: a read that gets no answer within the timeout
     * fails (the relay steps down), and the server drops the session of a client that no longer
     * answers keepalives, which frees the lock for another replica.
     */
    private void guard(Connection connection) throws SQLException {
        connection.setNetworkTimeout(aborts, (int) config.relay().networkTimeout().toMillis());
        try (Statement statement = connection.createStatement()) {
            statement.execute("set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3");
        }
    }

    /**
     * Gives up the lock and the LISTEN before the connection goes back to the pool. Both belong to
     * the database session, which outlives this use of a pooled connection: kept, the lock would sit
     * on an idle connection in the pool while the next attempt, on another connection, never gets it
     * again (after a broker crash the relay stopped for good this way). A broken connection has lost
     * its session, and with it both.
     */
    private void release(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN " + CHANNEL);
            statement.execute("select pg_advisory_unlock(" + lockKey + ")");
            statement.execute("reset tcp_keepalives_idle; reset tcp_keepalives_interval; reset tcp_keepalives_count");
            connection.setNetworkTimeout(aborts, 0);
        } catch (SQLException e) {
            LOG.debugf("Outbox relay could not release its lock (%s); the session is gone with it", e.getMessage());
        }
    }

    private boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, lockKey);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void ensureTopic() {
        if (topicChecked) {
            return;
        }
        try (Admin admin = Admin.create(KafkaClients.settings(kafkaConfig, Map.of(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) topics.timeout().toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(5_000, topics.timeout().toMillis()))))) {
            metrics.topicMismatches(Topics.ensure(admin, new Topics.Spec(topic, topics, RecordLimits.TOPIC_MAX_MESSAGE_BYTES)));
        }
        topicChecked = true;
    }

    private void closePublisher() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    private void recordFailure(String message) {
        metrics.failed();
        lastError.set(message);
    }

}

package org.civicregistry.commons.snapshot;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.civicregistry.commons.kafka.KafkaClients;
import org.civicregistry.commons.kafka.StreamPositions;
import org.civicregistry.commons.outbox.OutboxConfig;
import org.civicregistry.commons.problem.ProblemException;
import org.civicregistry.commons.problem.ProblemType;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerResponse;

/**
 * Whole-collection downloads that end exactly where the change stream is: every change in the
 * download has an offset below the position it states, every later change one at or above it.
 *
 * <p>Writers take a shared advisory lock in the transaction that records their change
 * ({@link #writerLock}). A download waits until the relay has published what was in the outbox when
 * it arrived, takes the lock exclusively (writers wait, at most {@code pause}), waits for the
 * outbox to be empty and for Kafka to have committed it, reads the partitions' ends, opens a
 * repeatable-read snapshot and lets writers go. It then streams the latest version of every record
 * from the history, which holds exactly what the events carried.
 */
@ApplicationScoped
public class Snapshots {

    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    /** A service's or the register's download as CSV: one file per collection. */
    public static final String ZIP = "application/zip";

    /** Where the download ends: topic/partition=next offset, comma-separated. */
    public static final String POSITION = "Civic-Stream-Position";
    /** The same position as an SSE id: send it as Last-Event-ID (or ?lastEventId=) to follow on. */
    public static final String LAST_EVENT_ID = "Civic-Last-Event-ID";
    public static final String TAKEN = "Civic-Snapshot-Taken";
    /** Changes held back from the stream (docs/reliability.md), in the download but not yet in the stream. */
    public static final String PARKED = "Civic-Snapshot-Parked";

    private static final Logger LOG = Logger.getLogger(Snapshots.class);
    private static final byte[] CLOSE_LINE = "}\n".getBytes(StandardCharsets.UTF_8);
    /** The time in a download's file name: {@code people-20261202T142005Z.ndjson}. */
    public static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final SnapshotConfig config;
    private final ObjectMapper mapper;
    private final String topic;
    private final Semaphore slots;

    public Snapshots(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            SnapshotConfig config, OutboxConfig outbox, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.config = config;
        this.mapper = mapper;
        this.topic = outbox.topic().orElse(null);
        this.slots = new Semaphore(config.concurrent());
    }

    /** The advisory lock a writer holds, shared, from recording its change to its commit. */
    public static long writerLock(String topic) {
        return ("civic-snapshot:" + topic).hashCode();
    }

    /** Where a download starts: its database snapshot is open on the connection, writers are free again. */
    private record Start(Map<TopicPartition, Long> end, OffsetDateTime taken, long parked) {
    }

    /** A collection of the service: its history's kind, its path's name and its view, for the CSV columns. */
    public record Collection(String entityType, String name, Class<?> view) {
    }

    /** How a download's body is written, on its snapshot's connection. */
    @FunctionalInterface
    private interface Body {
        void write(Connection connection, OutputStream out) throws IOException, SQLException;
    }

    /**
     * One collection.
     *
     * @param response the HTTP response, so the connection is given back however the exchange ends
     */
    public Response download(Collection collection, String format, HttpHeaders headers, HttpServerResponse response) {
        SnapshotFormat chosen = SnapshotFormat.of(format, headers);
        return stream(collection.name(), chosen.contentType, chosen.extension, response,
                (connection, out) -> query(connection, collection, rows -> chosen.write(rows, collection.view(), mapper, out)));
    }

    /**
     * Every collection of the service from one snapshot, so one stream position covers them all: NDJSON
     * lines {@code {"collection": "people", "record": {...}}}, or for CSV a ZIP of one file per collection
     * ({@code people.csv}), each as its collection's own download writes it.
     */
    public Response downloadAll(String name, List<Collection> collections, String format, HttpHeaders headers,
            HttpServerResponse response) {
        SnapshotFormat chosen = SnapshotFormat.of(format, headers);
        if (chosen == SnapshotFormat.CSV) {
            return stream(name, ZIP, "zip", response, (connection, out) -> {
                ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
                for (Collection collection : collections) {
                    zip.putNextEntry(new ZipEntry(collection.name() + ".csv"));
                    query(connection, collection, rows -> SnapshotFormat.CSV.write(rows, collection.view(), mapper, zip));
                    zip.closeEntry();
                }
                zip.finish();
            });
        }
        return stream(name, chosen.contentType, chosen.extension, response, (connection, out) -> {
            for (Collection collection : collections) {
                byte[] prefix = ("{\"collection\":\"" + collection.name() + "\",\"record\":").getBytes(StandardCharsets.UTF_8);
                query(connection, collection, rows -> {
                    while (rows.next()) {
                        out.write(prefix);
                        out.write(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                        out.write(CLOSE_LINE);
                    }
                });
            }
        });
    }

    private Response stream(String name, String contentType, String extension, HttpServerResponse response, Body body) {
        if (topic == null) {
            throw new IllegalStateException("civic.outbox.topic is not set");
        }
        if (!slots.tryAcquire()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The service is serving " + config.concurrent()
                    + " downloads already; retry in a moment.");
        }
        Download download = new Download();
        // Given back here when no body is written (HEAD, a failure before the first byte); off the event loop.
        response.endHandler(v -> Infrastructure.getDefaultWorkerPool().execute(download::abandon));
        response.closeHandler(v -> Infrastructure.getDefaultWorkerPool().execute(download::abandon));
        try {
            download.connection = dataSource.getConnection();
            Start start = start(download.connection);
            String file = name + "-" + FILE_TIME.format(start.taken().withOffsetSameInstant(ZoneOffset.UTC)) + "." + extension;
            StreamingOutput output = raw -> {
                try {
                    if (!download.stream()) {
                        throw new IOException("The client went away before the download began");
                    }
                    OutputStream out = new BufferedOutputStream(raw, 64 * 1024);
                    body.write(download.connection, out);
                    out.flush();
                } catch (SQLException e) {
                    // The answer has begun: it cannot turn into a problem, so the client sees a cut-off download.
                    throw new IOException("The snapshot " + name + " failed while streaming", e);
                } finally {
                    download.close();
                }
            };
            return Response.ok(output, contentType)
                    .header(POSITION, StreamEnd.describe(start.end()))
                    .header(LAST_EVENT_ID, StreamPositions.encode(start.end()))
                    .header(TAKEN, start.taken().withOffsetSameInstant(ZoneOffset.UTC).toString())
                    .header(PARKED, start.parked())
                    .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                    .header("Link", DataLicence.LINK)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .build();
        } catch (SQLException e) {
            download.close();
            LOG.warnf("Snapshot %s failed to start: %s", name, e.getMessage());
            throw new ProblemException(ProblemType.UNAVAILABLE, "The database is unavailable; retry in a moment.");
        } catch (RuntimeException | Error e) {
            download.close();
            throw e;
        }
    }

    /**
     * Its connection and its slot, given back once, whichever way the exchange ends. While the body is
     * being written only the writer closes it: a connection is never used by two threads at once.
     */
    private final class Download {
        Connection connection;
        private boolean streaming;
        private boolean closed;

        /** False if the exchange already ended (the connection is given back). */
        synchronized boolean stream() {
            streaming = !closed;
            return streaming;
        }

        /** The exchange ended: closes unless the writer is at work, which closes when it stops. */
        synchronized void abandon() {
            if (!streaming) {
                close();
            }
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (connection != null) {
                    try {
                        connection.rollback();
                    } catch (SQLException e) {
                        // autocommit still on (it failed before the snapshot) or the connection is gone
                    }
                    try (Statement statement = connection.createStatement()) {
                        connection.setAutoCommit(true);
                        statement.execute("select pg_advisory_unlock_all()");
                        statement.execute("reset lock_timeout");
                    } finally {
                        connection.close();
                    }
                }
            } catch (SQLException e) {
                LOG.debugf("Closing a snapshot connection: %s", e.getMessage());
            } finally {
                slots.release();
            }
        }
    }

    private Start start(Connection connection) throws SQLException {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        try (Admin admin = Admin.create(KafkaClients.settings(kafkaConfig, Map.of()))) {
            StreamEnd stream = StreamEnd.of(admin, topic, deadline);
            try (Statement statement = connection.createStatement()) {
                statement.execute("set lock_timeout = " + config.pause().toMillis());
            }
            while (true) {
                // What was waiting when this attempt began is published first, without holding anyone back:
                // if the relay cannot publish, the answer is a 503 and no writer ever waited.
                long waiting = single(connection, "select coalesce(max(id), 0) from outbox_event where topic = ?");
                if (!await(connection, "select exists (select 1 from outbox_event where topic = ? and id <= " + waiting
                        + ")", deadline)) {
                    throw drainTimedOut();
                }
                if (lockWriters(connection)) {
                    long pause = Math.min(deadline, System.nanoTime() + config.pause().toNanos());
                    if (await(connection, "select exists (select 1 from outbox_event where topic = ?)", pause)) {
                        Map<TopicPartition, Long> end = stream.committed(pause);
                        if (end != null) {
                            return open(connection, end);
                        }
                    }
                    unlockWriters(connection);
                }
                if (System.nanoTime() > deadline) {
                    throw drainTimedOut();
                }
            }
        }
    }

    private ProblemException drainTimedOut() {
        return new ProblemException(ProblemType.UNAVAILABLE, "The change stream is behind (changes are waiting to be"
                + " published), so a download cannot say where in the stream it ends; retry in a moment.");
    }

    /** Opens the repeatable-read snapshot (on its first query), then lets writers go. */
    private Start open(Connection connection, Map<TopicPartition, Long> end) throws SQLException {
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (PreparedStatement first = connection.prepareStatement(
                "select now(), (select count(*) from outbox_parked where topic = ?)")) {
            first.setString(1, topic);
            try (ResultSet row = first.executeQuery()) {
                row.next();
                OffsetDateTime taken = row.getObject(1, OffsetDateTime.class);
                long parked = row.getLong(2);
                unlockWriters(connection);
                return new Start(end, taken, parked);
            }
        }
    }

    /** False if writers did not let go within {@code pause} (a long transaction); the caller tries again. */
    private boolean lockWriters(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_lock(" + writerLock(topic) + ")");
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                return false;
            }
            throw e;
        }
    }

    private void unlockWriters(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + writerLock(topic) + ")");
        }
    }

    private long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, topic);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Polls {@code sql} (true while waiting) until it turns false; false if {@code until} passes first. */
    private boolean await(Connection connection, String sql, long until) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, topic);
            while (true) {
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    if (!row.getBoolean(1)) {
                        return true;
                    }
                }
                if (System.nanoTime() + StreamEnd.POLL.toNanos() > until) {
                    return false;
                }
                Thread.sleep(StreamEnd.POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StreamEnd.stopping();
        }
    }

    @FunctionalInterface
    private interface Rows {
        void write(ResultSet rows) throws IOException, SQLException;
    }

    /** The latest version of every record of the collection, newest record first (the history's own index order). */
    private void query(Connection connection, Collection collection, Rows rows) throws IOException, SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select distinct on (entity_id) snapshot::text from record_history where entity_type = ?"
                        + " order by entity_id desc, version desc")) {
            statement.setFetchSize(config.fetchSize());
            statement.setString(1, collection.entityType());
            try (ResultSet result = statement.executeQuery()) {
                rows.write(result);
            }
        }
    }
}

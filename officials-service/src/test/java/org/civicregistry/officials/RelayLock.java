package org.civicregistry.officials;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.civicregistry.commons.outbox.OutboxRelay;

/**
 * The outbox relay's lock, taken from it: the relay's session is ended on the server until this
 * connection holds the lock, so no relay publishes until it is closed. What a dead or partitioned
 * leader looks like to the rest of the platform.
 */
final class RelayLock implements AutoCloseable {

    private final Connection holder;
    private final long key;

    private RelayLock(Connection holder, long key) {
        this.holder = holder;
        this.key = key;
    }

    static RelayLock take(DataSource dataSource, String topic) throws SQLException {
        Connection holder = dataSource.getConnection();
        holder.setAutoCommit(true);
        RelayLock lock = new RelayLock(holder, OutboxRelay.lockKey(topic));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            terminateLockSessions(dataSource, topic);
            return lock.advisory("pg_try_advisory_lock");
        });
        return lock;
    }

    /** Gives the lock back: a relay takes it at its next attempt. */
    @Override
    public void close() throws SQLException {
        try {
            if (!advisory("pg_advisory_unlock")) {
                throw new IllegalStateException("the relay lock was not held");
            }
        } finally {
            holder.close();
        }
    }

    private boolean advisory(String function) throws SQLException {
        try (PreparedStatement s = holder.prepareStatement("select " + function + "(?)")) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Ends, on the server, the session that holds the relay's lock of {@code topic}, and only that one:
     * writers hold advisory locks of their own while they commit (the snapshot's shared lock, a claimed
     * identifier's), and ending their sessions would fail writes the tests expect to succeed. A bigint
     * key shows in pg_locks as its high half in classid, its low half in objid, objsubid 1.
     */
    static int terminateLockSessions(DataSource dataSource, String topic) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(pg_terminate_backend(l.pid)) from pg_locks l where l.locktype = 'advisory' and l.granted"
                        + " and l.database = (select oid from pg_database where datname = current_database())"
                        + " and l.objsubid = 1 and ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
            s.setLong(1, OutboxRelay.lockKey(topic));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

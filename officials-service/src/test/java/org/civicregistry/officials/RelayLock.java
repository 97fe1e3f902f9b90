package org.civicregistry.officials;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
            terminateLockSessions(dataSource);
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

    /** Ends, on the server, every session of this database that holds an advisory lock: the relay's. */
    static int terminateLockSessions(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(pg_terminate_backend(l.pid)) from pg_locks l"
                        + " where l.locktype = 'advisory' and l.granted and l.database = (select oid from pg_database where datname = current_database())")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}

package org.civicregistry.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests: the embedded binaries (zonky, PostgreSQL 17) started once per JVM, or
 * an external server when {@code CIVIC_PG_URL} (a JDBC URL of any database on it),
 * {@code CIVIC_PG_USER} and {@code CIVIC_PG_PASSWORD} are set. Each call of {@link #create(String)}
 * makes a fresh database, so every run starts empty.
 */
public final class Database {

    private static EmbeddedPostgres embedded;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private Database(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** A new, empty database named {@code <prefix>_<random>}. */
    public static Database create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT).replace('-', '_');
        String serverUrl;
        String user;
        String password;
        String external = System.getenv("CIVIC_PG_URL");
        if (external != null && !external.isBlank()) {
            serverUrl = external;
            user = System.getenv("CIVIC_PG_USER");
            password = System.getenv("CIVIC_PG_PASSWORD");
        } else {
            EmbeddedPostgres server = embedded();
            serverUrl = server.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + " encoding 'UTF8' template template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return new Database(replaceDatabase(serverUrl, name), user, password);
    }

    /**
     * An embedded PostgreSQL server whose data stays in {@code dataDir} across runs, on a fixed port:
     * for the local platform ({@code ./civic up}). The caller closes it.
     */
    public static EmbeddedPostgres persistentServer(java.nio.file.Path dataDir, int port) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** Creates database {@code name} on the server if it is not there yet. */
    public static void ensureDatabase(String serverUrl, String user, String password, String name) throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
                Statement statement = admin.createStatement();
                java.sql.ResultSet rs = statement.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "") + "'")) {
            if (!rs.next()) {
                statement.execute("create database " + name + " encoding 'UTF8' template template0");
            }
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    private static synchronized EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                embedded = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
                EmbeddedPostgres server = embedded;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the process is going away anyway
                    }
                }, "embedded-postgres-shutdown"));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
        }
        return embedded;
    }

    /** jdbc:postgresql://host:port/db?params → the same with another database. */
    public static String replaceDatabase(String url, String database) {
        int hostStart = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hostStart);
        int query = url.indexOf('?', hostStart);
        String base = slash < 0 ? (query < 0 ? url : url.substring(0, query)) : url.substring(0, slash);
        String params = query < 0 ? "" : url.substring(query);
        return base + "/" + database + params;
    }
}

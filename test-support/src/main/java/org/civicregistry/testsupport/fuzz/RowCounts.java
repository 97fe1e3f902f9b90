package org.civicregistry.testsupport.fuzz;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Row counts of every table of a service's database, in one query: all tables but the outbox and
 * the given ones (read models fed by other topics, delivery logs), and the outbox on its own (the
 * relay empties it, so a rejected write must not make it grow).
 */
public final class RowCounts implements ApiFuzzer.Rows {

    private final DataSource dataSource;
    private final String query;
    private final Set<String> excluded;
    private final List<String> tables;

    public RowCounts(DataSource dataSource, Set<String> excluded) {
        this.dataSource = dataSource;
        this.excluded = Set.copyOf(excluded);
        List<String> found = new ArrayList<>();
        boolean outbox = false;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = current_schema()"
                        + " and table_type = 'BASE TABLE' order by table_name")) {
            while (rs.next()) {
                String table = rs.getString(1);
                outbox |= table.equals("outbox_event");
                if (!table.startsWith("flyway_") && !table.equals("outbox_event") && !excluded.contains(table)) {
                    found.add(table);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        this.tables = List.copyOf(found);
        StringBuilder sum = new StringBuilder("select 0");
        for (String table : tables) {
            sum.append(" + (select count(*) from \"").append(table).append("\")");
        }
        this.query = "select " + sum.substring("select ".length()) + ", " + (outbox ? "(select count(*) from outbox_event)" : "0");
    }

    /** Fails unless no table changed since {@code before} and the outbox did not grow ({@link ApiFuzzer.Rows#unchanged}). */
    public void assertUnchangedSince(long[] before) {
        long[] now = count();
        if (!ApiFuzzer.Rows.unchanged(before, now)) {
            throw new AssertionError("rows changed: before " + Arrays.toString(before) + ", after "
                    + Arrays.toString(now));
        }
    }

    public List<String> tables() {
        return tables;
    }

    /**
     * Fails unless the database still has exactly the tables it had when these counts were set up,
     * each still readable: what a run's injection attempts must not have dropped or emptied.
     */
    public void assertEveryTableStillThere() {
        List<String> now = new RowCounts(dataSource, excluded).tables();
        if (!now.equals(tables)) {
            throw new AssertionError("tables changed: before " + tables + ", after " + now);
        }
        count();
    }

    @Override
    public long[] count() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return new long[] { rs.getLong(1), rs.getLong(2) };
        } catch (SQLException e) {
            throw new IllegalStateException("counting rows failed (was a table dropped?)", e);
        }
    }
}

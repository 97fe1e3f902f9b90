package org.civicregistry.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** Reads a number straight from a service's database, past its API: what a test uses to see that nothing was written. */
public final class Sql {

    private Sql() {
    }

    /** The single number {@code query} selects. */
    public static long count(DataSource dataSource, String query) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

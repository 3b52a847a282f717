package io.historylake.job.testing;

import io.historylake.job.query.LakeViews;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a local lake with DuckDB (the same views the query command creates). */
public final class Lake {

    private final Path root;

    public Lake(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Rows of a query, each value as DuckDB's string form (null stays null). */
    public List<List<String>> rows(String sql) throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeViews.register(duckdb, root);
            try (Statement s = duckdb.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<List<String>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Waits up to 2 minutes until {@code table} holds {@code rows} committed rows. */
    public void awaitRows(String table, long rows, String what) throws Exception {
        Await.until(
                Duration.ofMinutes(2),
                () -> count("SELECT count(*) FROM " + table) == rows,
                () -> "waiting for " + what);
    }

    /** A single number; 0 when the table has no committed file yet. */
    public long count(String sql) throws SQLException {
        try {
            List<List<String>> rows = rows(sql);
            return rows.isEmpty() || rows.get(0).get(0) == null
                    ? 0
                    : Long.parseLong(rows.get(0).get(0));
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return 0;
            }
            throw e;
        }
    }
}

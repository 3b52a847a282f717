package io.historylake.job.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code history-lake query [--lake DIR] "<SQL>"}: runs SQL with DuckDB over a local lake, each
 * table a view named {@code <database>_<table>}; prints the result as tab-separated lines.
 */
public final class QueryCommand {

    private QueryCommand() {}

    public static void main(String[] args) throws SQLException {
        String lake = System.getenv().getOrDefault("HISTORY_LAKE_PATH", "/tmp/history-lake/lake");
        String sql = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--lake") && i + 1 < args.length) {
                lake = args[++i];
            } else {
                sql = args[i];
            }
        }
        if (sql == null) {
            System.err.println("usage: history-lake query [--lake DIR] \"<SQL>\"");
            System.exit(2);
        }
        Path root = Path.of(lake.startsWith("file://") ? lake.substring("file://".length()) : lake);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeViews.register(duckdb, root);
            try (Statement statement = duckdb.createStatement();
                    ResultSet rs = statement.executeQuery(sql)) {
                print(rs);
            }
        } catch (SQLException e) {
            System.err.println("history-lake query: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void print(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            line.append(i > 1 ? "\t" : "").append(meta.getColumnLabel(i));
        }
        System.out.println(line);
        while (rs.next()) {
            line.setLength(0);
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                Object value = rs.getObject(i);
                line.append(i > 1 ? "\t" : "").append(value == null ? "NULL" : value);
            }
            System.out.println(line);
        }
    }
}

package io.historylake.job.query;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.Flags;
import io.historylake.job.config.Usage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code history-lake query [--lake DIR] "<SQL>"}: runs SQL with DuckDB over a local lake, each
 * table a view named {@code <database>_<table>}; prints the result as tab-separated lines.
 */
public final class QueryCommand {

    private static final String USAGE = "usage: history-lake query [--lake DIR] \"<SQL>\"";

    static final List<Usage.Flag> FLAGS =
            List.of(
                    new Usage.Flag(
                            "--lake",
                            "DIR",
                            "default: $HISTORY_LAKE_PATH, else /tmp/history-lake/lake",
                            "The lake's directory (or its file:// URI); an S3 lake can be"
                                    + " queried with Athena, or copied down first."));

    private QueryCommand() {}

    public static void main(String[] args) throws SQLException {
        if (Usage.asked(args)) {
            System.out.print(usage());
            return;
        }
        Arguments arguments = null;
        try {
            arguments = Arguments.parse(args);
        } catch (ConfigException e) {
            System.err.println("history-lake query: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
        String lake = arguments.lake();
        Path root = Path.of(lake.startsWith("file://") ? lake.substring("file://".length()) : lake);
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            LakeViews.register(duckdb, root);
            try (Statement statement = duckdb.createStatement();
                    ResultSet rs = statement.executeQuery(arguments.sql())) {
                print(rs);
            }
        } catch (SQLException e) {
            System.err.println("history-lake query: " + e.getMessage());
            System.exit(1);
        }
    }

    /** The lake and the statement of a command line. */
    record Arguments(String lake, String sql) {

        static Arguments parse(String[] args) {
            String lake =
                    System.getenv().getOrDefault("HISTORY_LAKE_PATH", "/tmp/history-lake/lake");
            String sql = null;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--lake")) {
                    if (i + 1 == args.length) {
                        throw new ConfigException("Option '--lake' needs a value: a directory");
                    }
                    lake = args[++i];
                } else if (args[i].startsWith("--")) {
                    throw Flags.unknown("'" + args[i] + "'", args[i].substring(2), List.of("lake"));
                } else if (sql != null) {
                    throw new ConfigException(
                            "One SQL statement only, in one argument: quote it as a whole");
                } else {
                    sql = args[i];
                }
            }
            if (sql == null || sql.isBlank()) {
                throw new ConfigException("No SQL statement given");
            }
            return new Arguments(lake, sql);
        }
    }

    /** {@code history-lake query --help}. */
    static String usage() {
        return new Usage()
                .paragraph(USAGE)
                .paragraph(
                        "Runs one SQL statement with DuckDB over a local lake and prints the"
                                + " result as tab-separated lines under a header. Each table is a"
                                + " view <database>_<table> over its committed files (compactions"
                                + " applied, every schema version by column name, with the date"
                                + " partition column), e.g.:\n"
                                + "history-lake query \"SELECT _event_time, _op, status FROM"
                                + " shop_orders WHERE id = 1\"")
                .flags("Options", FLAGS)
                .toString();
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

package io.historylake.job.source;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.MySqlConnection;
import io.historylake.lake.MetadataColumn;
import io.historylake.mask.MaskAction;
import io.historylake.mask.MaskingRules;
import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start what would otherwise fail later or silently: reachability and credentials, binlog
 * settings, grants, the tables to capture and their keys; each failure names the cause and the fix.
 */
public final class MySqlPreflight {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlPreflight.class);
    private static final Pattern LITERAL_NAME = Pattern.compile("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+");

    private MySqlPreflight() {}

    /** Runs every check; throws {@link ConfigException} on the first problem found. */
    public static CaptureTarget check(
            MySqlConnection mysql,
            TableSelection selection,
            Map<TableId, String> chunkKeys,
            String configuredTimeZone,
            String partitionColumn,
            MaskingRules masking) {
        try (Connection connection = connect(mysql);
                Statement statement = connection.createStatement()) {
            checkBinlog(statement);
            checkGrants(statement, mysql.user());
            List<TableId> tables = tables(statement, selection);
            checkKeys(statement, tables, chunkKeys);
            checkPartitionColumn(statement, tables, partitionColumn, masking);
            String zone = timeZone(statement, configuredTimeZone);
            BinlogPosition position = currentPosition(statement);
            LOG.info(
                    "Preflight passed for {}: {} tables, server time zone {}, binlog at {}",
                    mysql,
                    tables.size(),
                    zone,
                    position);
            return new CaptureTarget(tables, chunkKeys, zone, position);
        } catch (SQLException e) {
            throw new ConfigException("MySQL check failed at " + mysql + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(MySqlConnection mysql) {
        try {
            return DriverManager.getConnection(mysql.jdbcUrl(), mysql.user(), mysql.password());
        } catch (SQLException e) {
            if (e.getErrorCode() == 1045 || "28000".equals(e.getSQLState())) {
                throw new ConfigException(
                        "MySQL refused user '"
                                + mysql.user()
                                + "' (access denied): check --mysql.user and the password"
                                + " (--mysql.password or the MYSQL_PASSWORD environment variable)",
                        e);
            }
            throw new ConfigException(
                    "Cannot reach MySQL at "
                            + mysql.host()
                            + ":"
                            + mysql.port()
                            + " ("
                            + firstLine(e.getMessage())
                            + "): check --mysql.host and --mysql.port, and that the server"
                            + " accepts TCP connections from this machine",
                    e);
        }
    }

    private static void checkBinlog(Statement statement) throws SQLException {
        String logBin = variable(statement, "log_bin");
        if (!"ON".equalsIgnoreCase(logBin) && !"1".equals(logBin)) {
            throw new ConfigException(
                    "Binary logging is off on the server (log_bin="
                            + logBin
                            + "): start it with"
                            + " log-bin, binlog_format=ROW and binlog_row_image=FULL in the server's"
                            + " configuration");
        }
        String format = variable(statement, "binlog_format");
        if (!"ROW".equalsIgnoreCase(format)) {
            throw new ConfigException(
                    "binlog_format is "
                            + format
                            + " but history-lake needs ROW: set binlog_format=ROW in the server's"
                            + " configuration (or SET GLOBAL binlog_format='ROW')");
        }
        String image = variable(statement, "binlog_row_image");
        if (image != null && !"FULL".equalsIgnoreCase(image)) {
            throw new ConfigException(
                    "binlog_row_image is "
                            + image
                            + " but history-lake needs FULL (before and after images of every"
                            + " column): set binlog_row_image=FULL in the server's configuration"
                            + " (or SET GLOBAL binlog_row_image='FULL')");
        }
    }

    private static void checkGrants(Statement statement, String user) throws SQLException {
        StringBuilder grants = new StringBuilder();
        try (ResultSet rs = statement.executeQuery("SHOW GRANTS FOR CURRENT_USER()")) {
            while (rs.next()) {
                String grant = rs.getString(1).toUpperCase(Locale.ROOT);
                if (grant.contains(" ON *.* ")) {
                    grants.append(grant.substring(0, grant.indexOf(" ON *.* "))).append(',');
                }
            }
        }
        String global = grants.toString();
        if (global.contains("ALL PRIVILEGES")) {
            return;
        }
        List<String> missing = new ArrayList<>();
        if (!global.contains("REPLICATION SLAVE") && !global.contains("REPLICATION REPLICA")) {
            missing.add("REPLICATION SLAVE");
        }
        if (!global.contains("REPLICATION CLIENT")
                && !global.contains("BINLOG MONITOR")
                && !global.contains("SUPER")) {
            missing.add("REPLICATION CLIENT");
        }
        if (!global.contains("SELECT")) {
            missing.add("SELECT");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(
                    "User '"
                            + user
                            + "' lacks "
                            + String.join(", ", missing)
                            + ": GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE,"
                            + " REPLICATION CLIENT ON *.* TO '"
                            + user
                            + "'@'%'");
        }
    }

    private static List<TableId> tables(Statement statement, TableSelection selection)
            throws SQLException {
        List<TableId> all = new ArrayList<>();
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT table_schema, table_name FROM information_schema.tables"
                                + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN"
                                + " ('mysql', 'information_schema', 'performance_schema', 'sys')")) {
            while (rs.next()) {
                all.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        for (String pattern : selection.include()) {
            TableSelection one =
                    new TableSelection(selection.databases(), List.of(pattern), List.of());
            if (all.stream().noneMatch(one::matches)) {
                throw new ConfigException(
                        (LITERAL_NAME.matcher(pattern).matches()
                                        ? "Table '" + pattern + "' in --mysql.tables does not exist"
                                        : "--mysql.tables pattern '"
                                                + pattern
                                                + "' matches no table")
                                + " in the databases of --mysql.databases "
                                + selection.databases()
                                + " (or the user cannot see it): fix the name or grant SELECT on"
                                + " it");
            }
        }
        List<TableId> tables = all.stream().filter(selection::matches).toList();
        if (tables.isEmpty()) {
            throw new ConfigException(
                    "No table matches --mysql.databases "
                            + selection.databases()
                            + " and --mysql.tables "
                            + selection.include()
                            + ": check the names (regular expressions, matched against the whole"
                            + " name)");
        }
        return tables;
    }

    private static void checkKeys(
            Statement statement, List<TableId> tables, Map<TableId, String> chunkKeys)
            throws SQLException {
        Map<TableId, Boolean> hasKey = new LinkedHashMap<>();
        for (TableId table : tables) {
            hasKey.put(table, false);
        }
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT DISTINCT table_schema, table_name FROM information_schema.statistics"
                                + " WHERE index_name = 'PRIMARY'")) {
            while (rs.next()) {
                hasKey.computeIfPresent(
                        new TableId(rs.getString(1), rs.getString(2)), (t, v) -> true);
            }
        }
        for (Map.Entry<TableId, Boolean> entry : hasKey.entrySet()) {
            if (!entry.getValue() && !chunkKeys.containsKey(entry.getKey())) {
                throw new ConfigException(
                        "Table "
                                + entry.getKey()
                                + " has no primary key: name a column that splits its snapshot"
                                + " with --mysql.chunk-key-columns "
                                + entry.getKey()
                                + "=<column>, or leave the table out with"
                                + " --mysql.tables.exclude");
            }
        }
    }

    /** No captured column may be named like the date partition or a metadata column. */
    private static void checkPartitionColumn(
            Statement statement, List<TableId> tables, String partitionColumn, MaskingRules masking)
            throws SQLException {
        Set<String> reserved = new HashSet<>();
        for (MetadataColumn meta : MetadataColumn.values()) {
            reserved.add(meta.columnName());
        }
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT table_schema, table_name, column_name FROM information_schema.columns"
                                + " WHERE LOWER(column_name) = '"
                                + partitionColumn.toLowerCase(Locale.ROOT).replace("'", "''")
                                + "' OR LEFT(column_name, 1) = '_'")) {
            while (rs.next()) {
                TableId table = new TableId(rs.getString(1), rs.getString(2));
                String column = rs.getString(3);
                if (!tables.contains(table)
                        || masking.actionFor(table.database(), table.table(), column)
                                == MaskAction.DROP) {
                    continue;
                }
                if (column.equalsIgnoreCase(partitionColumn)) {
                    throw new ConfigException(
                            "Table "
                                    + table
                                    + " has a column named '"
                                    + column
                                    + "', the lake's date partition: choose another partition"
                                    + " name with --lake.partition-column (e.g. _dt)");
                }
                if (reserved.contains(column.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(
                            "Table "
                                    + table
                                    + " has a column named '"
                                    + column
                                    + "', which the lake reserves for its metadata: leave it out"
                                    + " with --mask '"
                                    + Pattern.quote(table.qualified() + "." + column)
                                    + "=drop', or leave the table out with --mysql.tables.exclude");
                }
            }
        }
    }

    private static String timeZone(Statement statement, String configured) throws SQLException {
        String zone = configured;
        if (zone == null || zone.isBlank()) {
            zone = variable(statement, "time_zone");
            if ("SYSTEM".equalsIgnoreCase(zone)) {
                zone = variable(statement, "system_time_zone");
            }
        }
        try {
            return ZoneId.of(zone).getId();
        } catch (DateTimeException e) {
            throw new ConfigException(
                    "The server's time zone '"
                            + zone
                            + "' is not a zone id Java knows: set --mysql.server-time-zone to its"
                            + " region id (e.g. Europe/Berlin) or offset (e.g. +01:00)");
        }
    }

    private static BinlogPosition currentPosition(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new ConfigException(
                        "SHOW MASTER STATUS returned nothing: binary logging is off, or the user"
                                + " lacks REPLICATION CLIENT");
            }
            return new BinlogPosition(rs.getString(1), rs.getLong(2), 0);
        }
    }

    private static String variable(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT @@GLOBAL." + name)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1193) { // unknown system variable
                return null;
            }
            throw e;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

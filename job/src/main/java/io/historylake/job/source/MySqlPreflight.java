package io.historylake.job.source;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.MySqlConnection;
import io.historylake.mask.MaskingRules;
import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks at start what would otherwise fail later or silently: reachability and credentials, binlog
 * settings, grants, the tables to capture and their keys; each failure names the cause and the fix.
 */
public final class MySqlPreflight {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlPreflight.class);

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
            List<TableId> tables = CapturedTables.resolve(statement, selection);
            CapturedTables.checkKeys(statement, tables, chunkKeys);
            CapturedTables.checkColumnNames(statement, tables, partitionColumn, masking);
            CascadingKeys.report(statement, tables);
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
            // The driver itself, not DriverManager: on a session cluster every submission has its
            // own class loader, and DriverManager only knows the driver of the first one.
            Properties credentials = new Properties();
            credentials.setProperty("user", mysql.user());
            credentials.setProperty("password", mysql.password());
            return new com.mysql.cj.jdbc.Driver().connect(mysql.jdbcUrl(), credentials);
        } catch (SQLException e) {
            if (e.getErrorCode() == 1045 || "28000".equals(e.getSQLState())) {
                throw new ConfigException(
                        "MySQL refused user '"
                                + mysql.user()
                                + "' (access denied): check --mysql.user and the password (the"
                                + " MYSQL_PASSWORD environment variable or mysql.password in the"
                                + " --config file)",
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

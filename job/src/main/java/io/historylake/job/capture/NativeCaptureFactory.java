package io.historylake.job.capture;

import io.historylake.job.capture.binlog.BinlogOffset;
import io.historylake.job.capture.binlog.BinlogState;
import io.historylake.job.capture.schema.SchemaHistory;
import io.historylake.job.capture.snapshot.ChunkReader;
import io.historylake.job.capture.snapshot.StartPoint;
import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.MySqlConnection;
import io.historylake.job.source.CaptureTarget;
import io.historylake.job.source.TableSelection;
import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the native capture source after the checks it needs beyond the common preflight. */
public final class NativeCaptureFactory {

    private static final Logger LOG = LoggerFactory.getLogger(NativeCaptureFactory.class);

    private NativeCaptureFactory() {}

    public static NativeCaptureSource create(
            Configuration conf,
            MySqlConnection mysql,
            TableSelection selection,
            CaptureTarget target,
            BinlogPosition stopAt) {
        try (ChunkReader server = new ChunkReader(mysql, target.chunkKeys());
                Statement s = server.connection().createStatement()) {
            boolean mariaDb = checkServer(s);
            List<TableId> snapshot = List.of();
            BinlogState start = null;
            switch (conf.get(HistoryLakeOptions.STARTUP)) {
                case INITIAL ->
                        // In name order: the progress log and metrics read the same on every run.
                        snapshot =
                                target.tables().stream()
                                        .sorted(java.util.Comparator.comparing(TableId::qualified))
                                        .toList();
                case LATEST -> start = startAt(server, target, null);
                case SPECIFIC_OFFSET -> start = startAt(server, target, specificOffset(conf));
                default ->
                        throw new ConfigException(
                                "--startup "
                                        + conf.get(HistoryLakeOptions.STARTUP).name().toLowerCase()
                                        + " is not supported by --capture native yet: use"
                                        + " --capture flink-cdc, or --startup initial, latest or"
                                        + " specific-offset with --startup.binlog-file/-pos");
            }
            BinlogPosition now = target.currentPosition();
            return new NativeCaptureSource(
                    new CaptureSettings(
                            mysql,
                            selection,
                            target.chunkKeys(),
                            snapshot,
                            conf.get(HistoryLakeOptions.MYSQL_SNAPSHOT_CHUNK_SIZE),
                            serverId(conf.get(HistoryLakeOptions.MYSQL_SERVER_ID)),
                            mariaDb,
                            Duration.ofSeconds(stopAt != null ? 1 : 5),
                            stopAt,
                            start,
                            BinlogOffset.at(now.file(), now.position())));
        } catch (SQLException e) {
            throw new ConfigException(
                    "MySQL check for the native capture failed at " + mysql + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Whether the server has what the native capture needs, for {@code --capture auto} (said in the
     * log either way).
     */
    public static boolean supported(MySqlConnection mysql) {
        try (ChunkReader server = new ChunkReader(mysql, Map.of());
                Statement s = server.connection().createStatement()) {
            checkServer(s);
            LOG.info("Capture: native (--capture auto on a server that has what it needs)");
            return true;
        } catch (ConfigException e) {
            LOG.warn("Capture: flink-cdc (--capture auto): {}", e.getMessage());
            return false;
        } catch (SQLException e) {
            throw new ConfigException("MySQL check failed at " + mysql + ": " + e.getMessage(), e);
        }
    }

    /** MariaDB (exact snapshot positions) with full row metadata in the binlog's table maps. */
    private static boolean checkServer(Statement s) throws SQLException {
        String version;
        try (ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
        }
        boolean mariaDb = version.toLowerCase().contains("mariadb");
        if (!mariaDb) {
            throw new ConfigException(
                    "--capture native needs MariaDB 10.5+ for now (it reads each snapshot chunk's"
                            + " exact binlog position from binlog_snapshot_file/position; MySQL "
                            + version
                            + " has no such status): use --capture flink-cdc on MySQL");
        }
        String metadata = null;
        try (ResultSet rs = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'binlog_row_metadata'")) {
            if (rs.next()) {
                metadata = rs.getString(2);
            }
        }
        if (!"FULL".equalsIgnoreCase(metadata)) {
            throw new ConfigException(
                    "binlog_row_metadata is "
                            + metadata
                            + ": the native capture checks every table map (column names, types,"
                            + " key) against its schema history, which needs FULL; without it a"
                            + " DDL the parser cannot read would go unnoticed. Set it with SET"
                            + " GLOBAL binlog_row_metadata = FULL (dynamic; MySQL 8.0.1+, MariaDB"
                            + " 10.5+) and in the server's configuration.");
        }
        return true;
    }

    private static BinlogState startAt(
            ChunkReader server, CaptureTarget target, BinlogPosition offset) throws SQLException {
        StartPoint now = StartPoint.now(server, target.tables());
        SchemaHistory history = SchemaHistory.empty();
        now.createTables().forEach(history::define);
        BinlogPosition from = offset != null ? offset : now.position();
        if (offset != null) {
            LOG.warn(
                    "Starting at {} with the tables' definitions of now ({}); every table map is"
                            + " checked against them, and a table changed in between stops the"
                            + " capture with the table and position named",
                    offset,
                    now.position());
        }
        return new BinlogState(
                BinlogOffset.at(from.file(), from.position()), history.toJson(), Map.of());
    }

    private static BinlogPosition specificOffset(Configuration conf) {
        if (conf.getOptional(HistoryLakeOptions.STARTUP_GTID).isPresent()) {
            throw new ConfigException(
                    "--startup.gtid is not supported by --capture native yet: give --startup.binlog-file and --startup.binlog-pos, or use --capture flink-cdc");
        }
        String file =
                conf.getOptional(HistoryLakeOptions.STARTUP_BINLOG_FILE)
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                "--startup specific-offset needs --startup.binlog-file and --startup.binlog-pos"));
        return new BinlogPosition(file, conf.get(HistoryLakeOptions.STARTUP_BINLOG_POS), 0);
    }

    /** The first id of a range like {@code 5400-5463}: the native capture reads the binlog once. */
    static long serverId(String range) {
        String first = range.contains("-") ? range.substring(0, range.indexOf('-')) : range;
        try {
            return Long.parseLong(first.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    "Invalid --mysql.server-id '"
                            + range
                            + "': expected a number or a range like 5400-5463");
        }
    }
}

package io.historylake.job.source;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.MySqlConnection;
import io.historylake.model.BinlogPosition;
import io.historylake.model.TableId;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.cdc.connectors.mysql.source.HeartbeatForwardingSources;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfigFactory;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.catalog.ObjectPath;

/** Builds the production source: Flink CDC's MySQL source, configured for a lossless history. */
public final class MySqlCdcSourceFactory {

    private MySqlCdcSourceFactory() {}

    /**
     * @param stopAt where a bounded run ends, or null to run continuously
     */
    public static StopAtOffsetSource create(
            Configuration conf,
            MySqlConnection mysql,
            TableSelection selection,
            CaptureTarget target,
            BinlogPosition stopAt) {
        MySqlSourceConfigFactory factory =
                new MySqlSourceConfigFactory()
                        .hostname(mysql.host())
                        .port(mysql.port())
                        .username(mysql.user())
                        .password(mysql.password())
                        .databaseList(selection.databases().toArray(new String[0]))
                        .tableList(selection.sourceTablePatterns())
                        .serverId(conf.get(HistoryLakeOptions.MYSQL_SERVER_ID))
                        .serverTimeZone(target.serverTimeZone())
                        .startupOptions(startupOptions(conf))
                        .includeSchemaChanges(true)
                        .splitSize(conf.get(HistoryLakeOptions.MYSQL_SNAPSHOT_CHUNK_SIZE))
                        .heartbeatInterval(Duration.ofSeconds(stopAt != null ? 1 : 30))
                        .closeIdleReaders(stopAt != null)
                        .treatTinyInt1AsBoolean(false)
                        .debeziumProperties(debeziumProperties(stopAt != null));
        if (!selection.exclude().isEmpty()) {
            factory.excludeTableList(String.join(",", selection.exclude()));
        }
        Map<ObjectPath, String> chunkKeys = new HashMap<>();
        target.chunkKeys()
                .forEach((t, c) -> chunkKeys.put(new ObjectPath(t.database(), t.table()), c));
        if (!chunkKeys.isEmpty()) {
            factory.chunkKeyColumn(chunkKeys);
        }
        return new StopAtOffsetSource(
                HeartbeatForwardingSources.create(factory, new ChangeEventDeserializer()), stopAt);
    }

    /** Debezium settings that keep every value lossless and carry each column's MySQL type. */
    static Properties debeziumProperties(boolean bounded) {
        Properties props = new Properties();
        // The binlog client asks the server for heartbeats every 0.8 x this interval when idle;
        // a bounded run needs them to see that it has reached its stop position.
        props.setProperty("connect.keep.alive.interval.ms", bounded ? "1000" : "10000");
        props.setProperty("bigint.unsigned.handling.mode", "precise");
        props.setProperty("decimal.handling.mode", "precise");
        props.setProperty("binary.handling.mode", "bytes");
        props.setProperty("time.precision.mode", "adaptive_time_microseconds");
        props.setProperty("column.propagate.source.type", ".*");
        // Snapshot reads of negative TIME values above -1 h keep their sign (see the driver).
        // Debezium 1.9 looks the driver up after dropping the "database." prefix of its
        // connection settings, so the key it finds carries the prefix twice; the single-prefix
        // key is the documented one, which later Debezium versions read.
        props.setProperty("database.jdbc.driver", SignedTimeDriver.class.getName());
        props.setProperty("database.database.jdbc.driver", SignedTimeDriver.class.getName());
        // The statement text (MySQL: binlog_rows_query_log_events) carries sqlcommenter tags.
        props.setProperty("include.query", "true");
        // Debezium's queue hands records over when a batch is full or after the poll interval
        // (500 ms by default): a snapshot chunk waited two intervals for its end marker, capping
        // the snapshot at a chunk per second, and every quiet moment of the binlog added latency.
        props.setProperty("poll.interval.ms", "5");
        // A short queue: the binlog thread decodes faster than the job lands rows, so the queue is
        // full; at 32k records each waited ~1 s, outlived a young collection and was copied (and
        // promoted): 110-170 ms pauses every 0.6 s in a binlog backfill.
        props.setProperty("max.batch.size", "2048");
        props.setProperty("max.queue.size", "8192");
        return props;
    }

    static StartupOptions startupOptions(Configuration conf) {
        return switch (conf.get(HistoryLakeOptions.STARTUP)) {
            case INITIAL -> StartupOptions.initial();
            case LATEST -> StartupOptions.latest();
            case TIMESTAMP ->
                    StartupOptions.timestamp(
                            conf.getOptional(HistoryLakeOptions.STARTUP_TIMESTAMP_MILLIS)
                                    .orElseThrow(
                                            () ->
                                                    new ConfigException(
                                                            "--startup timestamp needs"
                                                                    + " --startup.timestamp-millis")));
            case SPECIFIC_OFFSET -> specificOffset(conf);
        };
    }

    private static StartupOptions specificOffset(Configuration conf) {
        var gtid = conf.getOptional(HistoryLakeOptions.STARTUP_GTID);
        if (gtid.isPresent()) {
            return StartupOptions.specificOffset(BinlogOffset.ofGtidSet(gtid.get()));
        }
        String file =
                conf.getOptional(HistoryLakeOptions.STARTUP_BINLOG_FILE)
                        .orElseThrow(
                                () ->
                                        new ConfigException(
                                                "--startup specific-offset needs"
                                                        + " --startup.binlog-file (and"
                                                        + " --startup.binlog-pos) or"
                                                        + " --startup.gtid"));
        return StartupOptions.specificOffset(file, conf.get(HistoryLakeOptions.STARTUP_BINLOG_POS));
    }

    /** Parses {@code db.table=column,db.other=column} given to {@code option}. */
    public static Map<TableId, String> tableColumns(String value, String option) {
        Map<TableId, String> keys = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(
                        "Invalid "
                                + option
                                + " entry '"
                                + entry
                                + "': expected database.table=column");
            }
            keys.put(TableId.parse(entry.substring(0, eq).trim()), entry.substring(eq + 1).trim());
        }
        return keys;
    }
}

package io.historylake.job.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/**
 * The options of the job: capture, attribution, masking and lake (S3 ones in {@link S3Options}, how
 * the job runs in {@link RunOptions}), typed and documented; README lists them.
 */
public final class HistoryLakeOptions {

    private HistoryLakeOptions() {}

    /** How the capture starts when there is no checkpoint to resume from. */
    public enum Startup {
        /** Lock-free snapshot of the existing rows, then the binlog from the snapshot's start. */
        INITIAL,
        /** Only changes made after the job starts. */
        LATEST,
        /** Binlog events from a point in time ({@code startup.timestamp-millis}). */
        TIMESTAMP,
        /** Binlog events from a position ({@code startup.binlog-file}/{@code -pos} or gtid). */
        SPECIFIC_OFFSET
    }

    /** Which capture reads the database. */
    public enum Capture {
        /**
         * NATIVE where the server allows it (MariaDB 10.5+, binlog_row_metadata=FULL), else
         * FLINK_CDC.
         */
        AUTO,
        /** history-lake's own snapshot and binlog reader (MariaDB 10.5+ for now). */
        NATIVE,
        /** Flink CDC's MySQL source (Debezium inside); MySQL 8 and MariaDB. */
        FLINK_CDC
    }

    /** Parquet compression codec. */
    public enum Compression {
        ZSTD,
        SNAPPY
    }

    public static final ConfigOption<String> MYSQL_HOST =
            ConfigOptions.key("mysql.host")
                    .stringType()
                    .defaultValue("localhost")
                    .withDescription("MySQL/MariaDB host.");
    public static final ConfigOption<Integer> MYSQL_PORT =
            ConfigOptions.key("mysql.port").intType().defaultValue(3306).withDescription("Port.");
    public static final ConfigOption<String> MYSQL_USER =
            ConfigOptions.key("mysql.user")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "User with SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE,"
                                    + " REPLICATION CLIENT.");
    public static final ConfigOption<String> MYSQL_PASSWORD =
            ConfigOptions.key("mysql.password")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Password, from the MYSQL_PASSWORD environment variable or a --config"
                                    + " file (never a flag); never logged.");
    public static final ConfigOption<String> MYSQL_DATABASES =
            ConfigOptions.key("mysql.databases")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Comma-separated regular expressions of databases to capture.");
    public static final ConfigOption<String> MYSQL_TABLES =
            ConfigOptions.key("mysql.tables")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Comma-separated regular expressions of 'database.table' to capture;"
                                    + " empty captures every table of the databases.");
    public static final ConfigOption<String> MYSQL_TABLES_EXCLUDE =
            ConfigOptions.key("mysql.tables.exclude")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Comma-separated regular expressions of 'database.table' to leave out.");
    public static final ConfigOption<String> MYSQL_CHUNK_KEY_COLUMNS =
            ConfigOptions.key("mysql.chunk-key-columns")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "For tables without a primary key: 'db.table=column,...' (the column"
                                    + " that splits the snapshot and identifies rows).");
    public static final ConfigOption<String> MYSQL_SERVER_ID =
            ConfigOptions.key("mysql.server-id")
                    .stringType()
                    .defaultValue("5400-5463")
                    .withDescription(
                            "Replica server id range (one id per source reader), unique among"
                                    + " the server's replicas.");
    public static final ConfigOption<String> MYSQL_SERVER_TIME_ZONE =
            ConfigOptions.key("mysql.server-time-zone")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "The server's session time zone for TIMESTAMP values; empty reads it"
                                    + " from the server (@@time_zone).");
    public static final ConfigOption<Integer> MYSQL_SNAPSHOT_CHUNK_SIZE =
            ConfigOptions.key("mysql.snapshot.chunk-size")
                    .intType()
                    .defaultValue(8096)
                    .withDescription("Rows per snapshot chunk.");
    public static final ConfigOption<String> ATTRIBUTION_USER_TAG =
            ConfigOptions.key("attribution.user-tag")
                    .stringType()
                    .defaultValue("user_id")
                    .withDescription("sqlcommenter tag of a statement that names the user.");
    public static final ConfigOption<String> ATTRIBUTION_REQUEST_TAG =
            ConfigOptions.key("attribution.request-tag")
                    .stringType()
                    .defaultValue("request_id")
                    .withDescription("sqlcommenter tag of a statement that names the request.");
    public static final ConfigOption<String> USER_COLUMNS =
            ConfigOptions.key("user-columns")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "'db.table=column,...': the column naming the user for every op;"
                                    + " default created_by (inserts), updated_by (updates),"
                                    + " deleted_by/updated_by of the before image (deletes).");
    public static final ConfigOption<Boolean> CAPTURE_QUERY =
            ConfigOptions.key("capture-query")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Keep the statement text in _query (off: statements can carry"
                                    + " personal data).");
    public static final ConfigOption<String> MASK =
            ConfigOptions.key("mask")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Masking of personal data: 'pattern=action;...' with a regular"
                                    + " expression over database.table.column and an action drop,"
                                    + " hash (salted SHA-256) or null.");
    public static final ConfigOption<String> MASK_SALT =
            ConfigOptions.key("mask.salt")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Salt of hash masking, from the HISTORY_LAKE_MASK_SALT environment"
                                    + " variable or a --config file (never a flag); never logged.");
    public static final ConfigOption<Capture> CAPTURE =
            ConfigOptions.key("capture")
                    .enumType(Capture.class)
                    .defaultValue(Capture.AUTO)
                    .withDescription(
                            "native (history-lake's own reader: exact chunk positions, schema"
                                    + " history in state, MariaDB statement text and GTIDs; MariaDB"
                                    + " 10.5+ with binlog_row_metadata=FULL), flink-cdc (Flink CDC's"
                                    + " MySQL source; MySQL 8 and MariaDB), or auto: native where"
                                    + " the server allows it, else flink-cdc.");
    public static final ConfigOption<Startup> STARTUP =
            ConfigOptions.key("startup")
                    .enumType(Startup.class)
                    .defaultValue(Startup.INITIAL)
                    .withDescription(
                            "initial (snapshot, then binlog), latest, timestamp or"
                                    + " specific-offset.");
    public static final ConfigOption<Long> STARTUP_TIMESTAMP_MILLIS =
            ConfigOptions.key("startup.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withDescription("Epoch millis to start from with startup=timestamp.");
    public static final ConfigOption<String> STARTUP_BINLOG_FILE =
            ConfigOptions.key("startup.binlog-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("Binlog file to start from with startup=specific-offset.");
    public static final ConfigOption<Long> STARTUP_BINLOG_POS =
            ConfigOptions.key("startup.binlog-pos")
                    .longType()
                    .defaultValue(4L)
                    .withDescription("Binlog position to start from with startup=specific-offset.");
    public static final ConfigOption<String> STARTUP_GTID =
            ConfigOptions.key("startup.gtid")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("GTID set to start from with startup=specific-offset.");
    public static final ConfigOption<String> UNTIL =
            ConfigOptions.key("until")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Empty runs continuously; 'now' captures up to the binlog position"
                                    + " current at start, commits and exits.");
    public static final ConfigOption<String> LAKE_PATH =
            ConfigOptions.key("lake.path")
                    .stringType()
                    .defaultValue("file:///tmp/history-lake/lake")
                    .withDescription("Lake root: a local directory or any Flink file system URI.");
    public static final ConfigOption<String> LAKE_PARTITION_COLUMN =
            ConfigOptions.key("lake.partition-column")
                    .stringType()
                    .defaultValue("dt")
                    .withDescription(
                            "Name of the date partition (<table>/<name>=YYYY-MM-DD); must differ"
                                    + " from every captured column name.");
    public static final ConfigOption<String> ATHENA_DATABASE =
            ConfigOptions.key("athena.database")
                    .stringType()
                    .defaultValue("history_lake")
                    .withDescription(
                            "Athena/Glue database of the DDL written to <lake>/_athena/ (one table"
                                    + " <database>_<table> per source table).");
    public static final ConfigOption<Compression> LAKE_COMPRESSION =
            ConfigOptions.key("lake.compression")
                    .enumType(Compression.class)
                    .defaultValue(Compression.ZSTD)
                    .withDescription("Parquet compression: zstd or snappy.");
    public static final ConfigOption<MemorySize> LAKE_TARGET_FILE_SIZE =
            ConfigOptions.key("lake.target-file-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("128mb"))
                    .withDescription("A part file rolls at this size (and on every checkpoint).");
    public static final ConfigOption<MemorySize> LAKE_ROW_GROUP_SIZE =
            ConfigOptions.key("lake.row-group-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("32mb"))
                    .withDescription("Parquet row group size (buffered in memory per open file).");
}

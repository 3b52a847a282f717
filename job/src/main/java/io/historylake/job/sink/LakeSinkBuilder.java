package io.historylake.job.sink;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.fs.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Builds a {@link LakeSink}, checking each setting: a bad one fails at {@link #build()} with the
 * option, the value and what is expected, before any file is written. Settings not given take the
 * defaults of {@link HistoryLakeOptions}.
 */
public final class LakeSinkBuilder {

    /** Athena (Glue) names: letters, digits and underscores, at most 255 characters. */
    private static final Pattern ATHENA_NAME = Pattern.compile("[A-Za-z0-9_]{1,255}");

    /** A Hive partition column: a lower-case identifier (Athena lower-cases them). */
    private static final Pattern PARTITION_COLUMN = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    private static final long MIN_ROW_GROUP = MemorySize.parse("64kb").getBytes();
    private static final long MAX_ROW_GROUP = MemorySize.parse("1gb").getBytes();
    private static final long MIN_TARGET_FILE = MemorySize.parse("1mb").getBytes();

    private Path lake;
    private String athenaDatabase = HistoryLakeOptions.ATHENA_DATABASE.defaultValue();
    private String partitionColumn = HistoryLakeOptions.LAKE_PARTITION_COLUMN.defaultValue();
    private MemorySize targetFileSize = HistoryLakeOptions.LAKE_TARGET_FILE_SIZE.defaultValue();
    private MemorySize rowGroupSize = HistoryLakeOptions.LAKE_ROW_GROUP_SIZE.defaultValue();
    private HistoryLakeOptions.Compression compression =
            HistoryLakeOptions.LAKE_COMPRESSION.defaultValue();

    LakeSinkBuilder() {}

    /** The lake's root, with its scheme ({@code file://}, {@code s3://}). */
    public LakeSinkBuilder lake(Path path) {
        this.lake = path;
        return this;
    }

    public LakeSinkBuilder athenaDatabase(String name) {
        this.athenaDatabase = name;
        return this;
    }

    public LakeSinkBuilder partitionColumn(String name) {
        this.partitionColumn = name;
        return this;
    }

    public LakeSinkBuilder targetFileSize(MemorySize size) {
        this.targetFileSize = size;
        return this;
    }

    public LakeSinkBuilder rowGroupSize(MemorySize size) {
        this.rowGroupSize = size;
        return this;
    }

    public LakeSinkBuilder compression(HistoryLakeOptions.Compression codec) {
        this.compression = codec;
        return this;
    }

    /** Every lake setting of the job's options. */
    public LakeSinkBuilder options(Configuration options) {
        return athenaDatabase(options.get(HistoryLakeOptions.ATHENA_DATABASE))
                .partitionColumn(options.get(HistoryLakeOptions.LAKE_PARTITION_COLUMN))
                .targetFileSize(options.get(HistoryLakeOptions.LAKE_TARGET_FILE_SIZE))
                .rowGroupSize(options.get(HistoryLakeOptions.LAKE_ROW_GROUP_SIZE))
                .compression(options.get(HistoryLakeOptions.LAKE_COMPRESSION));
    }

    public LakeSink build() {
        if (lake == null || lake.toUri().getScheme() == null) {
            throw bad(
                    "lake.path",
                    lake,
                    "a lake root with its scheme, e.g. s3://bucket/prefix or file:///data/lake");
        }
        require(
                "athena.database",
                athenaDatabase,
                athenaDatabase != null && ATHENA_NAME.matcher(athenaDatabase).matches(),
                "letters, digits and underscores, at most 255 characters");
        require(
                "lake.partition-column",
                partitionColumn,
                partitionColumn != null && PARTITION_COLUMN.matcher(partitionColumn).matches(),
                "a lower-case identifier starting with a letter (the lake's own columns start"
                        + " with _)");
        require(
                "lake.target-file-size",
                targetFileSize,
                targetFileSize != null && targetFileSize.getBytes() >= MIN_TARGET_FILE,
                "at least 1mb");
        require(
                "lake.row-group-size",
                rowGroupSize,
                rowGroupSize != null
                        && rowGroupSize.getBytes() >= MIN_ROW_GROUP
                        && rowGroupSize.getBytes() <= MAX_ROW_GROUP,
                "between 64kb and 1gb (each open part file buffers one row group)");
        require("lake.compression", compression, compression != null, "zstd or snappy");
        return new LakeSink(
                lake,
                athenaDatabase,
                partitionColumn,
                targetFileSize.getBytes(),
                (int) rowGroupSize.getBytes(),
                switch (compression) {
                    case ZSTD -> CompressionCodecName.ZSTD;
                    case SNAPPY -> CompressionCodecName.SNAPPY;
                });
    }

    private static void require(String option, Object value, boolean ok, String expected) {
        if (!ok) {
            throw bad(option, value, expected);
        }
    }

    private static ConfigException bad(String option, Object value, String expected) {
        return new ConfigException(
                "Invalid --" + option + " '" + value + "': expected " + expected);
    }
}

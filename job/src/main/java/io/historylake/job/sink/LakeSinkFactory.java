package io.historylake.job.sink;

import io.historylake.job.LakeSinks;
import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.model.RowChange;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Builds the production sink: one exactly-once {@link FileSink} of Parquet for all tables. */
public final class LakeSinkFactory {

    private LakeSinkFactory() {}

    /** The lake, quarantine and schema sinks of a lake, as configured. */
    public static LakeSinks sinks(Path lake, Configuration conf) {
        return new LakeSinks(
                create(lake, conf),
                create(LakeQuarantine.root(lake), conf),
                new SchemaFileSink(
                        lake,
                        conf.get(HistoryLakeOptions.ATHENA_DATABASE),
                        conf.get(HistoryLakeOptions.LAKE_PARTITION_COLUMN)),
                new LakeQuarantine(lake));
    }

    /** An exactly-once Parquet file sink under {@code root}. */
    public static FileSink<RowChange> create(Path root, Configuration conf) {
        LakeBucketing bucketing =
                new LakeBucketing(
                        conf.get(HistoryLakeOptions.LAKE_TARGET_FILE_SIZE).getBytes(),
                        conf.get(HistoryLakeOptions.LAKE_PARTITION_COLUMN));
        CompressionCodecName codec =
                switch (conf.get(HistoryLakeOptions.LAKE_COMPRESSION)) {
                    case ZSTD -> CompressionCodecName.ZSTD;
                    case SNAPPY -> CompressionCodecName.SNAPPY;
                };
        int rowGroup = (int) conf.get(HistoryLakeOptions.LAKE_ROW_GROUP_SIZE).getBytes();
        return FileSink.forBulkFormat(root, new LakeParquetWriterFactory(codec, rowGroup))
                .withBucketAssigner(bucketing)
                .withRollingPolicy(bucketing)
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".parquet")
                                .build())
                .build();
    }

    /** A lake path as a Flink path: a plain directory becomes a {@code file://} URI. */
    public static Path resolve(String lakePath) {
        URI uri = URI.create(lakePath.replace(" ", "%20"));
        return uri.getScheme() == null
                ? new Path(Paths.get(lakePath).toAbsolutePath().toUri())
                : new Path(uri);
    }

    /**
     * Resolves {@code lake.path} (a plain directory becomes a {@code file://} URI) and checks that
     * the job can create files there.
     */
    public static Path checkWritable(String lakePath) {
        Path lake = resolve(lakePath);
        Path probe = new Path(lake, "_probe-" + UUID.randomUUID());
        try {
            FileSystem fs = lake.getFileSystem();
            fs.mkdirs(lake);
            fs.create(probe, FileSystem.WriteMode.NO_OVERWRITE).close();
            fs.delete(probe, false);
            return lake;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    "Lake path '"
                            + lake
                            + "' is not writable ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + "): choose another --lake.path or fix its permissions",
                    e);
        }
    }
}

package io.historylake.job.sink;

import io.historylake.enrich.QuarantineRouter;
import io.historylake.job.HistorySink;
import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.schema.LakeSchemaHistory;
import io.historylake.schema.QuarantineReleases;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet lake as one destination: rows of a quarantined schema version go to the quarantine,
 * every other row to the lake, each table's schema versions and DDL to the schema files.
 *
 * <pre>
 * rows ──► Route: lake or quarantine ──┬──► Parquet lake        (FileSink, exactly once)
 *          (quarantine-router)         │    &lt;lake&gt;/&lt;db&gt;/&lt;table&gt;/dt=.../part-*.parquet
 *                                      └──► Parquet quarantine  (FileSink, exactly once)
 *                                           &lt;lake&gt;/_quarantine/&lt;db&gt;/&lt;table&gt;/...
 * schema events ──► Schema versions: .avsc and Athena DDL (schema-files)
 *                   &lt;lake&gt;/_schemas/, &lt;lake&gt;/_athena/, a quarantined version's to _quarantine/
 * </pre>
 *
 * <p>Both file sinks write a part file per table, partition and schema version, rolled at the
 * target size and at every checkpoint, committed when the checkpoint completes. Built by {@link
 * #builder()}, which checks every setting.
 */
public final class LakeSink implements HistorySink {

    private static final long serialVersionUID = 1L;

    private final Path lake;
    private final String athenaDatabase;
    private final String partitionColumn;
    private final long targetFileSize;
    private final int rowGroupSize;
    private final CompressionCodecName codec;

    LakeSink(
            Path lake,
            String athenaDatabase,
            String partitionColumn,
            long targetFileSize,
            int rowGroupSize,
            CompressionCodecName codec) {
        this.lake = lake;
        this.athenaDatabase = athenaDatabase;
        this.partitionColumn = partitionColumn;
        this.targetFileSize = targetFileSize;
        this.rowGroupSize = rowGroupSize;
        this.codec = codec;
    }

    public static LakeSinkBuilder builder() {
        return new LakeSinkBuilder();
    }

    @Override
    public void attach(DataStream<RowChange> rows, DataStream<CdcEvent> schemaEvents) {
        SingleOutputStreamOperator<RowChange> routed =
                rows.process(new QuarantineRouter(), CdcTypeInfo.ROWS)
                        .uid("quarantine-router")
                        .name("Route: lake or quarantine");
        routed.sinkTo(parquet(lake)).uid("lake-sink").name("Parquet lake");
        routed.getSideOutput(QuarantineRouter.QUARANTINE)
                .sinkTo(parquet(LakeQuarantine.root(lake)))
                .uid("quarantine-sink")
                .name("Parquet quarantine");
        schemaEvents
                .sinkTo(new SchemaFileSink(lake, athenaDatabase, partitionColumn))
                .uid("schema-files")
                .name("Schema versions: .avsc and Athena DDL");
    }

    /**
     * The lake's versions when it holds any: a lake without {@code _schemas/} costs the first row
     * of each table no listing.
     */
    @Override
    public LakeSchemaHistory schemaHistory() {
        return LakeSchemaFiles.holdsAny(lake) ? new LakeSchemaFiles(lake) : LakeSchemaHistory.NONE;
    }

    @Override
    public QuarantineReleases releases() {
        return new LakeQuarantine(lake);
    }

    /** An exactly-once Parquet file sink under {@code root}, partitioned as the lake is. */
    public FileSink<RowChange> parquet(Path root) {
        LakeBucketing bucketing = new LakeBucketing(targetFileSize, partitionColumn);
        return FileSink.forBulkFormat(root, new LakeParquetWriterFactory(codec, rowGroupSize))
                .withBucketAssigner(bucketing)
                .withRollingPolicy(bucketing)
                .withOutputFileConfig(
                        OutputFileConfig.builder()
                                .withPartPrefix("part")
                                .withPartSuffix(".parquet")
                                .build())
                .build();
    }

    public Path lake() {
        return lake;
    }
}

package io.historylake.job;

import io.historylake.enrich.LakeEnricher;
import io.historylake.enrich.RowHistoryFunction;
import io.historylake.enrich.RowKey;
import io.historylake.enrich.TableKey;
import io.historylake.job.capture.NativeCaptureSource;
import io.historylake.mask.MaskingFunction;
import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The history-lake pipeline. Source and sink are injected: {@link HistoryLakeMain} wires the
 * production ones (MySQL CDC, the Parquet lake); tests run the same pipeline with their own.
 *
 * <pre>
 * MySQL CDC ─► Mask personal data ─► Guard schema, enrich ─► Row history ─► HistorySink: rows
 * (mysql-cdc-   (masking)             keyed by table          keyed by row
 *  source)                            (lake-enricher):        (row-history): version,
 *                                     schema version, id      changed columns, who
 *                                        └─► schema versions and DDL ──► HistorySink: schema events
 * </pre>
 *
 * A new column the lake gets from enrichment is set in the keyed step that owns its state (per
 * table: {@code LakeEnricher}; per row: {@code RowHistoryFunction}); a new destination is a {@link
 * HistorySink}.
 */
public final class HistoryLakeJob {

    private final Source<CdcEvent, ?, ?> source;
    private final HistorySink sink;
    private final EnrichmentSettings settings;

    /**
     * @param sink where the enriched rows and the schema versions go
     */
    public HistoryLakeJob(
            Source<CdcEvent, ?, ?> source, HistorySink sink, EnrichmentSettings settings) {
        this.source = source;
        this.sink = sink;
        this.settings = settings;
    }

    /** Capture, mask, guard and enrich keyed by table, then by row, and hand over to the sink. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<CdcEvent> changes =
                env.fromSource(
                                source,
                                WatermarkStrategy.noWatermarks(),
                                "MySQL CDC",
                                CdcTypeInfo.EVENTS)
                        // The captures keep different source state: a checkpoint of one never
                        // restores into the other (CaptureChoice refuses it first).
                        .uid(
                                source instanceof NativeCaptureSource
                                        ? "native-capture-source"
                                        : "mysql-cdc-source")
                        .map(new MaskingFunction(settings.masking()), CdcTypeInfo.EVENTS)
                        .uid("masking")
                        .name("Mask personal data");
        SingleOutputStreamOperator<RowChange> enriched =
                keyed(changes, new TableKey(), env)
                        .process(
                                new LakeEnricher(
                                        settings.schemaPolicies(),
                                        sink.releases(),
                                        sink.schemaHistory()),
                                CdcTypeInfo.ROWS)
                        .uid("lake-enricher")
                        .name("Guard schema, enrich: schema version, event id");
        SingleOutputStreamOperator<RowChange> histories =
                keyed(enriched, new RowKey(), env)
                        .process(
                                new RowHistoryFunction(
                                        settings.attribution(), settings.captureQuery()),
                                CdcTypeInfo.ROWS)
                        .uid("row-history")
                        .name("Row history: version, changed columns, who");
        sink.attach(histories, enriched.getSideOutput(LakeEnricher.SCHEMA_VERSIONS));
    }

    /**
     * Keys a stream. With parallelism 1 every key lives in the one subtask, so the stream is
     * already partitioned by any key: it is reinterpreted as keyed, and the whole pipeline runs as
     * one chain of operators handing records over without serializing them. Otherwise it is
     * shuffled by key.
     */
    private static <T> KeyedStream<T, String> keyed(
            DataStream<T> stream, KeySelector<T, String> key, StreamExecutionEnvironment env) {
        return env.getParallelism() == 1
                ? DataStreamUtils.reinterpretAsKeyedStream(stream, key, Types.STRING)
                : stream.keyBy(key);
    }
}

package io.historylake.job;

import io.historylake.enrich.LakeEnricher;
import io.historylake.enrich.RowHistoryFunction;
import io.historylake.enrich.RowKey;
import io.historylake.enrich.TableKey;
import io.historylake.mask.MaskingFunction;
import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The history-lake pipeline. Source and sink are injected: {@link HistoryLakeMain} wires the
 * production ones (MySQL CDC, Parquet lake); tests run the same pipeline with their own.
 */
public final class HistoryLakeJob {

    private final Source<CdcEvent, ?, ?> source;
    private final Sink<RowChange> sink;
    private final Sink<CdcEvent> schemaSink;
    private final EnrichmentSettings settings;

    /**
     * @param sink where enriched rows land
     * @param schemaSink where each table's schema versions land
     */
    public HistoryLakeJob(
            Source<CdcEvent, ?, ?> source,
            Sink<RowChange> sink,
            Sink<CdcEvent> schemaSink,
            EnrichmentSettings settings) {
        this.source = source;
        this.sink = sink;
        this.schemaSink = schemaSink;
        this.settings = settings;
    }

    /** Capture, mask, enrich keyed by table, then by row, land. */
    public void build(StreamExecutionEnvironment env) {
        DataStream<CdcEvent> changes =
                env.fromSource(
                                source,
                                WatermarkStrategy.noWatermarks(),
                                "MySQL CDC",
                                CdcTypeInfo.EVENTS)
                        .uid("mysql-cdc-source")
                        .map(new MaskingFunction(settings.masking()), CdcTypeInfo.EVENTS)
                        .uid("masking")
                        .name("Mask personal data");
        SingleOutputStreamOperator<RowChange> enriched =
                changes.keyBy(new TableKey())
                        .process(new LakeEnricher(), CdcTypeInfo.ROWS)
                        .uid("lake-enricher")
                        .name("Enrich: schema version, event id");
        enriched.getSideOutput(LakeEnricher.SCHEMA_VERSIONS)
                .sinkTo(schemaSink)
                .uid("schema-files")
                .name("Schema versions: .avsc and Athena DDL");
        DataStream<RowChange> histories =
                enriched.keyBy(new RowKey())
                        .process(
                                new RowHistoryFunction(
                                        settings.attribution(), settings.captureQuery()),
                                CdcTypeInfo.ROWS)
                        .uid("row-history")
                        .name("Row history: version, changed columns, who");
        histories.sinkTo(sink).uid("lake-sink").name("Parquet lake");
    }
}

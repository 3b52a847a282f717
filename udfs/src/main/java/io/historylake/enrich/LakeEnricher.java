package io.historylake.enrich;

import io.historylake.model.CdcEvent;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by table: numbers the table's distinct schemas as versions 1, 2, 3..., stamps snapshot
 * reads with the snapshot time, and gives every change its deterministic event id.
 *
 * <p>State per table, kept as long as the table is captured: the schema version in force (with its
 * schema), the snapshot time, the last DDL, and the delete half of a primary-key update awaiting
 * its insert half; so a replay after failure yields the same versions, times and ids.
 */
public class LakeEnricher extends KeyedProcessFunction<String, CdcEvent, RowChange> {

    private static final Logger LOG = LoggerFactory.getLogger(LakeEnricher.class);

    /** Side output: each table's schema versions as they are numbered. */
    public static final OutputTag<CdcEvent> SCHEMA_VERSIONS =
            new OutputTag<>("schema-versions", CdcTypeInfo.EVENTS);

    private transient ValueState<Long> snapshotTimeMicros;
    private transient ValueState<RowChange> pendingKeyDelete;
    private transient ValueState<String> lastDdl;
    private transient ValueState<CdcEvent> currentVersion;
    private transient Counter schemaChanges;

    @Override
    public void open(OpenContext openContext) {
        snapshotTimeMicros =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("snapshot-time-micros", Types.LONG));
        pendingKeyDelete =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("pending-key-delete", CdcTypeInfo.ROWS));
        lastDdl =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-ddl", Types.STRING));
        currentVersion =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("current-version", CdcTypeInfo.EVENTS));
        schemaChanges = getRuntimeContext().getMetricGroup().counter("schemaChanges");
    }

    @Override
    public void processElement(CdcEvent event, Context ctx, Collector<RowChange> out)
            throws Exception {
        if (event instanceof SchemaChange ddl) {
            schemaChanges.inc();
            lastDdl.update(ddl.ddl());
            LOG.info("Schema change of {} at {}: {}", ddl.table(), ddl.position(), ddl.ddl());
            return;
        }
        if (!(event instanceof RowChange row)) {
            return;
        }
        RowChange pending = pendingKeyDelete.value();
        if (pending != null) {
            pendingKeyDelete.clear();
            boolean otherHalf =
                    row.pkChanged()
                            && row.op() == Op.CREATE
                            && row.position().equals(pending.position());
            emit(otherHalf ? pending.withNewKeyImage(row.after()) : pending, ctx, out);
        }
        if (row.pkChanged() && row.op() == Op.DELETE && row.after() == null) {
            // The delete half of a primary-key update: wait for its insert half (the next event of
            // this table) to learn the new row; the timer flushes it at the end of a bounded run.
            pendingKeyDelete.update(row);
            ctx.timerService().registerEventTimeTimer(Long.MIN_VALUE + 1);
            return;
        }
        emit(row, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RowChange> out)
            throws Exception {
        RowChange pending = pendingKeyDelete.value();
        if (pending != null) {
            pendingKeyDelete.clear();
            emit(pending, ctx, out);
        }
    }

    private void emit(RowChange row, Context ctx, Collector<RowChange> out) throws Exception {
        long eventTime = row.eventTimeMicros();
        long snapshotId = 0L;
        if (row.op() == Op.READ) {
            Long snapshotTime = snapshotTimeMicros.value();
            if (snapshotTime == null) {
                snapshotTime = ctx.timerService().currentProcessingTime() * 1000L;
                snapshotTimeMicros.update(snapshotTime);
            }
            eventTime = snapshotTime;
            snapshotId = snapshotTime;
        }
        int version = versionOf(row, eventTime, ctx);
        out.collect(row.enriched(version, eventTime, EventIds.of(row, snapshotId)));
    }

    private int versionOf(RowChange row, long eventTime, Context ctx) throws Exception {
        SchemaVersion current = (SchemaVersion) currentVersion.value();
        if (current != null && current.schema().equals(row.schema())) {
            return current.version();
        }
        int version = current == null ? 1 : current.version() + 1;
        SchemaVersion next =
                new SchemaVersion(
                        row.schema(),
                        version,
                        current == null ? null : current.schema(),
                        lastDdl.value(),
                        eventTime);
        currentVersion.update(next);
        ctx.output(SCHEMA_VERSIONS, next);
        if (version > 1) {
            LOG.info("Table {} now at schema version {}", row.table(), version);
        }
        return version;
    }
}

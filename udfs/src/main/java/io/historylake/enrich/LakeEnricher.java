package io.historylake.enrich;

import io.historylake.model.CdcEvent;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.SchemaEvolution;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import io.historylake.schema.SchemaViolationException;
import io.historylake.schema.StringFallback;
import io.historylake.serde.CdcTypeInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by table: numbers the table's distinct schemas as versions 1, 2, 3..., judges each new one
 * against the earlier ones under the table's policy ({@link SchemaEvolution}), stamps snapshot
 * reads with the snapshot time, and gives every change its deterministic event id.
 *
 * <p>State per table, kept as long as the table is captured: the schema version in force and all
 * earlier ones, the snapshot time, the last DDL, whether the job has seen every row the table holds
 * ({@link SeenWhole}, passed on with each row for the row-history step), and the delete half of a
 * primary-key update awaiting its insert half; so a replay after failure yields the same versions,
 * times and ids.
 */
public class LakeEnricher extends KeyedProcessFunction<String, CdcEvent, RowChange> {

    private static final Logger LOG = LoggerFactory.getLogger(LakeEnricher.class);

    /** Side output: each table's schema versions as they are numbered, and its DDL statements. */
    public static final OutputTag<CdcEvent> SCHEMA_VERSIONS =
            new OutputTag<>("schema-versions", CdcTypeInfo.EVENTS);

    private transient ValueState<Long> snapshotTimeMicros;
    private transient ValueState<RowChange> pendingKeyDelete;
    private transient ValueState<String> lastDdl;
    private transient ValueState<CdcEvent> currentVersion;
    private transient ListState<CdcEvent> versionHistory;
    private transient Counter schemaChanges;
    private transient Counter schemaViolations;
    private transient Counter quarantinedEvents;
    private transient Map<TableId, Integer> versionGauges;

    /**
     * Write-through copies of {@code current-version} and of whether {@code pending-key-delete}
     * holds a row, per key (table): read from the state once per key (with RocksDB a lookup and a
     * schema deserialized). Only this function writes the state, and a restore makes a new one.
     */
    private transient Map<String, SchemaVersion> versions;

    private transient Map<String, Boolean> pendingKeys;

    private transient WholeTables wholeTables;

    private final SchemaPolicies policies;
    private final QuarantineReleases releases;

    /** Every table under the quarantine policy, never released (for tests). */
    public LakeEnricher() {
        this(SchemaPolicies.all(SchemaPolicy.QUARANTINE), QuarantineReleases.NONE);
    }

    /**
     * @param policies what a schema violation does, per table
     * @param releases tells when a quarantined table's change was accepted
     */
    public LakeEnricher(SchemaPolicies policies, QuarantineReleases releases) {
        this.policies = policies;
        this.releases = releases;
    }

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
        versionHistory =
                getRuntimeContext()
                        .getListState(
                                new ListStateDescriptor<>("version-history", CdcTypeInfo.EVENTS));
        schemaChanges = getRuntimeContext().getMetricGroup().counter("schemaChanges");
        schemaViolations = getRuntimeContext().getMetricGroup().counter("schemaViolations");
        quarantinedEvents = getRuntimeContext().getMetricGroup().counter("quarantinedEvents");
        versionGauges = new HashMap<>();
        versions = new HashMap<>();
        pendingKeys = new HashMap<>();
        wholeTables = new WholeTables(getRuntimeContext(), snapshotTimeMicros);
    }

    @Override
    public void processElement(CdcEvent event, Context ctx, Collector<RowChange> out)
            throws Exception {
        if (event instanceof SchemaChange ddl) {
            schemaChanges.inc();
            lastDdl.update(ddl.ddl());
            LOG.info("Schema change of {} at {}: {}", ddl.table(), ddl.position(), ddl.ddl());
            if (SeenWhole.startsEmpty(ddl.ddl())) {
                wholeTables.set(ctx.getCurrentKey(), true);
            }
            if (current(ctx) != null) {
                ctx.output(SCHEMA_VERSIONS, ddl); // the table's DDL log, TRUNCATE included
            }
            return;
        }
        if (!(event instanceof RowChange row)) {
            return;
        }
        RowChange pending = pending(ctx);
        if (pending != null) {
            setPending(ctx, null);
            boolean otherHalf =
                    row.pkChanged()
                            && row.op() == Op.CREATE
                            && row.position().equals(pending.position());
            emit(otherHalf ? pending.withNewKeyImage(row.after()) : pending, ctx, out);
        }
        if (row.pkChanged() && row.op() == Op.DELETE && row.after() == null) {
            // The delete half of a primary-key update: wait for its insert half (the next event of
            // this table) to learn the new row; the timer flushes it at the end of a bounded run.
            setPending(ctx, row);
            ctx.timerService().registerEventTimeTimer(Long.MIN_VALUE + 1);
            return;
        }
        emit(row, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RowChange> out)
            throws Exception {
        RowChange pending = pending(ctx);
        if (pending != null) {
            setPending(ctx, null);
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
                wholeTables.set(ctx.getCurrentKey(), true);
            }
            eventTime = snapshotEventTime(snapshotTime);
            snapshotId = snapshotTime;
        }
        SchemaVersion version = versionOf(row, eventTime, ctx);
        if (version.quarantined()) {
            quarantinedEvents.inc();
        }
        // version.source() equals the row's schema; it is the very object version.schema() is
        // unless columns land as strings, so the images are copied only then.
        TableSchema landed = version.schema();
        out.collect(
                row.enriched(
                        landed,
                        StringFallback.image(version.source(), landed, row.before()),
                        StringFallback.image(version.source(), landed, row.after()),
                        version.version(),
                        eventTime,
                        EventIds.of(row, snapshotId),
                        version.quarantined(),
                        wholeTables.get(ctx.getCurrentKey())));
    }

    /**
     * The {@code _event_time} of a snapshot's reads: the whole second before the snapshot's first
     * row was seen. Binlog times have whole seconds only, and a change captured after the snapshot
     * may have committed in the same second as (or, by the few milliseconds between a chunk's high
     * watermark and its first row, the second before) the first row; at this time or later, ordered
     * by {@code _event_time} and then binlog position, every such change sorts after the snapshot
     * it follows.
     */
    static long snapshotEventTime(long firstRowMicros) {
        long second = 1_000_000L;
        return Math.floorDiv(firstRowMicros, second) * second - second;
    }

    private SchemaVersion versionOf(RowChange row, long eventTime, Context ctx) throws Exception {
        SchemaVersion current = current(ctx);
        if (current != null && current.source().equals(row.schema())) {
            if (current.quarantined() && releases.released(row.table(), current.version())) {
                LOG.warn(
                        "Table {}: schema version {} released from quarantine; rows go to the"
                                + " lake again",
                        row.table(),
                        current.version());
                current = current.released();
                setCurrent(ctx, current);
            }
            return current;
        }
        List<SchemaVersion> history = new ArrayList<>();
        for (CdcEvent earlier : versionHistory.get()) {
            history.add((SchemaVersion) earlier);
        }
        if (history.isEmpty() && current != null) {
            history.add(current); // state from before the history was kept
        } else if (!history.isEmpty() && current != null) {
            history.set(history.size() - 1, current);
        }
        SchemaPolicy policy = policies.forTable(row.table());
        SchemaVersion next;
        try {
            next = SchemaEvolution.next(history, row.schema(), lastDdl.value(), policy, eventTime);
        } catch (SchemaViolationException e) {
            schemaViolations.inc();
            LOG.error("{}", e.getMessage());
            throw new SuppressRestartsException(e);
        }
        setCurrent(ctx, next);
        versionHistory.add(next);
        ctx.output(SCHEMA_VERSIONS, next);
        report(row.table(), next, policy);
        return next;
    }

    private SchemaVersion current(Context ctx) throws Exception {
        SchemaVersion current = versions.get(ctx.getCurrentKey());
        if (current == null) {
            current = (SchemaVersion) currentVersion.value();
            if (current != null) {
                versions.put(ctx.getCurrentKey(), current);
            }
        }
        return current;
    }

    private void setCurrent(Context ctx, SchemaVersion version) throws Exception {
        currentVersion.update(version);
        versions.put(ctx.getCurrentKey(), version);
    }

    private RowChange pending(Context ctx) throws Exception {
        if (Boolean.FALSE.equals(pendingKeys.get(ctx.getCurrentKey()))) {
            return null;
        }
        RowChange pending = pendingKeyDelete.value();
        pendingKeys.put(ctx.getCurrentKey(), pending != null);
        return pending;
    }

    private void setPending(Context ctx, RowChange row) throws Exception {
        if (row == null) {
            pendingKeyDelete.clear();
        } else {
            pendingKeyDelete.update(row);
        }
        pendingKeys.put(ctx.getCurrentKey(), row != null);
    }

    private void report(TableId table, SchemaVersion next, SchemaPolicy policy) {
        if (!versionGauges.containsKey(table)) {
            getRuntimeContext()
                    .getMetricGroup()
                    .addGroup("table", table.qualified())
                    .gauge("schemaVersion", () -> versionGauges.get(table));
        }
        versionGauges.put(table, next.version());
        if (next.verdict().isEmpty()) {
            if (next.version() > 1) {
                LOG.info("Table {} now at schema version {}", table, next.version());
            }
            return;
        }
        boolean violated = next.verdict().violated() || next.quarantined();
        String message =
                "SCHEMA GUARD: table "
                        + table
                        + " version "
                        + next.version()
                        + " (policy "
                        + policy
                        + (next.quarantined()
                                ? ", its rows now go to the quarantine until released"
                                : "")
                        + "):\n"
                        + next.verdict().describe();
        if (violated || next.source() != next.schema()) {
            schemaViolations.inc();
            LOG.error(message);
        } else {
            LOG.warn(message);
        }
    }
}

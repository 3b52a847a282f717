package io.historylake.enrich;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.model.TableId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by table and primary key: numbers the row's versions (1 for the first change seen, +1 for
 * each later one; a delete then re-insert continues the count), lists the changed columns and
 * attributes the change. The statement text is kept only with {@code captureQuery}.
 *
 * <p>State: one long per primary key changed in the binlog, kept for good (versions must continue
 * after a delete); use the RocksDB state backend for large tables. A snapshot read keeps none: it
 * is version 1, and the tables the snapshot read (operator state) tell that a key without state
 * whose change has a before image was read by the snapshot, so the change is version 2. The state
 * grows with the rows that change, not with the size of the tables.
 */
public class RowHistoryFunction extends KeyedProcessFunction<String, RowChange, RowChange>
        implements CheckpointedFunction {

    private final AttributionRules rules;
    private final boolean captureQuery;
    private transient ValueState<Long> version;
    private transient Counter noOpUpdates;
    private transient ListState<Tuple2<String, String>> snapshottedState;
    private transient Set<TableId> snapshotted;

    public RowHistoryFunction(AttributionRules rules, boolean captureQuery) {
        this.rules = rules;
        this.captureQuery = captureQuery;
    }

    @Override
    public void open(OpenContext openContext) {
        version =
                getRuntimeContext().getState(new ValueStateDescriptor<>("row-version", Types.LONG));
        noOpUpdates = getRuntimeContext().getMetricGroup().counter("noOpUpdates");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        snapshottedState =
                context.getOperatorStateStore()
                        .getUnionListState(
                                new ListStateDescriptor<>(
                                        "snapshotted-tables",
                                        Types.TUPLE(Types.STRING, Types.STRING)));
        snapshotted = new HashSet<>();
        for (Tuple2<String, String> table : snapshottedState.get()) {
            snapshotted.add(new TableId(table.f0, table.f1));
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        List<Tuple2<String, String>> tables = new ArrayList<>();
        for (TableId table : snapshotted) {
            tables.add(Tuple2.of(table.database(), table.table()));
        }
        snapshottedState.update(tables);
    }

    @Override
    public void processElement(RowChange change, Context ctx, Collector<RowChange> out)
            throws Exception {
        long next;
        if (change.op() == Op.READ) {
            // A snapshot read is the row's first appearance in this job's history: version 1,
            // without a lookup or a write (at millions of keys, the state of every row read
            // dominated the snapshot). A chunk read again after a restore gets the same version.
            next = 1L;
            snapshotted.add(change.table());
        } else {
            Long previous = version.value();
            if (previous == null) {
                // Not changed since this job started: with a before image the row existed, and if
                // the snapshot read its table, it read the row (the snapshot's version 1).
                previous =
                        change.before() != null && snapshotted.contains(change.table()) ? 1L : 0L;
            }
            next = previous + 1;
            version.update(next);
        }
        var changed = ChangedColumns.of(change);
        if (change.op() == Op.UPDATE && changed.isEmpty()) {
            noOpUpdates.inc();
        }
        Map<String, String> tags = SqlComments.tags(change.query());
        RowChange enriched =
                change.withHistory(
                        new RowHistory(
                                next, changed, rules.userId(change, tags), rules.requestId(tags)));
        out.collect(
                captureQuery || enriched.query() == null
                        ? enriched
                        : enriched.withSource(
                                enriched.gtid(),
                                null,
                                enriched.txId(),
                                enriched.txOrder(),
                                enriched.pkChanged()));
    }
}

package io.historylake.enrich;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by table and primary key: numbers the row's versions (1 for the first change seen, +1 for
 * each later one; a delete then re-insert continues the count), lists the changed columns and
 * attributes the change. The statement text is kept only with {@code captureQuery}.
 *
 * <p>State: one long per primary key, kept for good (versions must continue after a delete); use
 * the RocksDB state backend for large tables. A key that is only read or inserted keeps none when
 * its table was seen whole ({@link RowChange#tableSeenWhole()}: the snapshot read it, or its CREATE
 * TABLE was captured): every row of such a table came through the job, so a later change of a key
 * without state, having a before image, continues at 2. The state grows with the rows that are
 * updated or deleted, not with the tables or the inserts.
 */
public class RowHistoryFunction extends KeyedProcessFunction<String, RowChange, RowChange> {

    private final AttributionRules rules;
    private final boolean captureQuery;
    private transient ValueState<Long> version;
    private transient Counter noOpUpdates;

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
    public void processElement(RowChange change, Context ctx, Collector<RowChange> out)
            throws Exception {
        long next = 1L;
        // A snapshot read is the row's first appearance in this job's history: version 1, without
        // a lookup or a write (a chunk read again after a restore gets the same version).
        if (change.op() != Op.READ) {
            Long previous = version.value();
            if (previous != null) {
                next = previous + 1;
            } else if (change.tableSeenWhole() && change.before() != null) {
                next = 2L; // read by the snapshot or inserted, without a change since
            }
            // An insert of a key without state into a table seen whole needs none: a later change
            // finds no state and continues at 2 (at 60 % inserts, a third of the binlog's state
            // writes and the reads of them, see bench/RESULTS.md).
            if (previous != null || change.op() != Op.CREATE || !change.tableSeenWhole()) {
                version.update(next);
            }
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

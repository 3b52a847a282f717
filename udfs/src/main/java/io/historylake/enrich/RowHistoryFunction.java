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
 * <p>State: one long per primary key ever seen, kept for good (versions must continue after a
 * delete); use the RocksDB state backend for large tables.
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
        long next;
        if (change.op() == Op.READ) {
            // A snapshot read is the row's first appearance in this job's history: version 1,
            // without a lookup (at millions of keys, looking up keys that are not there yet
            // dominated the snapshot). A chunk read again after a restore gets the same version.
            next = 1L;
        } else {
            Long previous = version.value();
            next = previous == null ? 1L : previous + 1;
        }
        version.update(next);
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

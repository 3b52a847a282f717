package io.historylake.enrich;

import io.historylake.metrics.LandingMetrics;
import io.historylake.metrics.TaskCounters;
import io.historylake.model.RowChange;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends rows flagged as quarantined to a side output; every other row goes on to the lake. As the
 * last step before the writers it counts what lands ({@link LandingMetrics}).
 */
public final class QuarantineRouter extends ProcessFunction<RowChange, RowChange>
        implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    /** Side output: rows of tables whose schema change awaits release. */
    public static final OutputTag<RowChange> QUARANTINE =
            new OutputTag<>("quarantine", CdcTypeInfo.ROWS);

    private transient LandingMetrics metrics;

    @Override
    public void open(OpenContext openContext) {
        metrics = new LandingMetrics(getRuntimeContext());
        TaskCounters.countOutputForTask(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(RowChange row, Context ctx, Collector<RowChange> out) {
        metrics.landed(row, ctx.timerService().currentProcessingTime());
        if (row.quarantined()) {
            ctx.output(QUARANTINE, row);
        } else {
            out.collect(row);
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        metrics.checkpointCompleted(System.currentTimeMillis());
    }
}

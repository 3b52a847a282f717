package io.historylake.mask;

import io.historylake.metrics.TaskCounters;
import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Applies the masking rules to every event, right after the source. */
public final class MaskingFunction extends RichMapFunction<CdcEvent, CdcEvent> {

    private static final long serialVersionUID = 1L;
    private final MaskingRules rules;

    public MaskingFunction(MaskingRules rules) {
        this.rules = rules;
    }

    /** Every captured event enters here: the task's records received on the job page. */
    @Override
    public void open(OpenContext openContext) {
        TaskCounters.countInputForTask(getRuntimeContext().getMetricGroup());
    }

    @Override
    public CdcEvent map(CdcEvent event) {
        if (event instanceof RowChange row) {
            return rules.apply(row);
        }
        if (event instanceof SchemaChange change) {
            return rules.apply(change);
        }
        return event;
    }
}

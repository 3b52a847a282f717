package io.historylake.enrich;

import io.historylake.model.RowChange;
import io.historylake.serde.CdcTypeInfo;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Sends rows flagged as quarantined to a side output; every other row goes on to the lake. */
public final class QuarantineRouter extends ProcessFunction<RowChange, RowChange> {

    private static final long serialVersionUID = 1L;

    /** Side output: rows of tables whose schema change awaits release. */
    public static final OutputTag<RowChange> QUARANTINE =
            new OutputTag<>("quarantine", CdcTypeInfo.ROWS);

    @Override
    public void processElement(RowChange row, Context ctx, Collector<RowChange> out) {
        if (row.quarantined()) {
            ctx.output(QUARANTINE, row);
        } else {
            out.collect(row);
        }
    }
}

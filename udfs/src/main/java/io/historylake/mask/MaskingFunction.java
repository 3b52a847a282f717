package io.historylake.mask;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import org.apache.flink.api.common.functions.MapFunction;

/** Applies the masking rules to every event, right after the source. */
public final class MaskingFunction implements MapFunction<CdcEvent, CdcEvent> {

    private static final long serialVersionUID = 1L;
    private final MaskingRules rules;

    public MaskingFunction(MaskingRules rules) {
        this.rules = rules;
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

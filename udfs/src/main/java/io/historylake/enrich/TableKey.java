package io.historylake.enrich;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys change events by their table ({@code database.table}). */
public final class TableKey implements KeySelector<CdcEvent, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(CdcEvent event) {
        if (event instanceof RowChange row) {
            return row.table().qualified();
        }
        if (event instanceof SchemaChange ddl) {
            return ddl.table().qualified();
        }
        return "";
    }
}

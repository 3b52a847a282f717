package io.historylake.enrich;

import io.historylake.model.RowChange;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys row changes by table and primary-key values (all values for a table without a key). */
public final class RowKey implements KeySelector<RowChange, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(RowChange change) {
        StringBuilder key = new StringBuilder(64).append(change.table().qualified());
        EventIds.appendKey(key, change.schema(), change.image());
        return key.toString();
    }
}

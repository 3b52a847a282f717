package io.historylake.enrich;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Per table (the key of the enrichment step): whether the job has seen every row the table holds
 * (its snapshot read it, or {@link SeenWhole} its CREATE TABLE), in keyed state with a
 * write-through copy per key, so a row costs no state lookup. Only its owner writes the state, and
 * a restore makes a new owner.
 */
final class WholeTables {

    private final ValueState<Boolean> state;
    private final ValueState<Long> snapshotTimeMicros;
    private final Map<String, Boolean> copies = new HashMap<>();

    /**
     * @param snapshotTimeMicros the table's snapshot time, set when the snapshot read the table: in
     *     state written before the flag existed, it tells a table seen whole
     */
    WholeTables(RuntimeContext context, ValueState<Long> snapshotTimeMicros) {
        this.state = context.getState(new ValueStateDescriptor<>("seen-whole", Types.BOOLEAN));
        this.snapshotTimeMicros = snapshotTimeMicros;
    }

    /** Whether the current key's table was seen whole; {@code key} is that key. */
    boolean get(String key) throws IOException {
        Boolean whole = copies.get(key);
        if (whole == null) {
            whole = state.value();
            if (whole == null) {
                whole = snapshotTimeMicros.value() != null;
            }
            copies.put(key, whole);
        }
        return whole;
    }

    /** Sets it for the current key, {@code key}. */
    void set(String key, boolean whole) throws IOException {
        state.update(whole);
        copies.put(key, whole);
    }
}

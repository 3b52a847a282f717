package io.historylake.enrich;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.serde.CdcTypeInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

/**
 * The delete half of a primary-key update, held per table until its insert half (the table's next
 * event) tells the row under its new key. Keyed state {@code pending-key-delete}, with a
 * write-through copy of whether it holds a row, so that most rows cost no state lookup; only its
 * owner writes the state, and a restore makes a new owner.
 */
final class KeyUpdatePairing {

    private final ValueState<RowChange> pending;
    private final Map<String, Boolean> holds = new HashMap<>();

    KeyUpdatePairing(RuntimeContext context) {
        this.pending =
                context.getState(
                        new ValueStateDescriptor<>("pending-key-delete", CdcTypeInfo.ROWS));
    }

    /** Whether {@code row} is a delete half to hold. */
    static boolean isDeleteHalf(RowChange row) {
        return row.pkChanged() && row.op() == Op.DELETE && row.after() == null;
    }

    /** Whether {@code row} is the insert half that goes with the held {@code delete}. */
    static boolean isInsertHalfOf(RowChange row, RowChange delete) {
        return row.pkChanged() && row.op() == Op.CREATE && row.position().equals(delete.position());
    }

    /** Takes the held delete half of the current key (the table), if any. */
    RowChange take(String key) throws IOException {
        if (Boolean.FALSE.equals(holds.get(key))) {
            return null;
        }
        RowChange held = pending.value();
        if (held != null) {
            pending.clear();
        }
        holds.put(key, false);
        return held;
    }

    void hold(String key, RowChange deleteHalf) throws IOException {
        pending.update(deleteHalf);
        holds.put(key, true);
    }
}

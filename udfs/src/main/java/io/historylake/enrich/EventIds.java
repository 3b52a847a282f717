package io.historylake.enrich;

import io.historylake.model.BinlogPosition;
import io.historylake.model.RowChange;
import io.historylake.model.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Deterministic event ids: a pure function of where the change comes from, so that a replay or a
 * re-run yields the same id. Binlog changes: table, binlog coordinates (file, event position, row
 * in event) and op (a primary-key update is a delete and an insert at the same row). Snapshot
 * reads: table, snapshot id and primary-key values.
 */
public final class EventIds {

    private EventIds() {}

    /**
     * The id of a change.
     *
     * @param snapshotId identifies the snapshot a READ belongs to (kept in state); unused otherwise
     */
    public static String of(RowChange change, long snapshotId) {
        StringBuilder key = new StringBuilder(96).append(change.table().qualified());
        BinlogPosition position = change.position();
        if (position != null) {
            key.append("|b|")
                    .append(position.file())
                    .append('|')
                    .append(position.position())
                    .append('|')
                    .append(position.row())
                    .append('|')
                    .append(change.op().code());
        } else {
            key.append("|s|").append(snapshotId);
            appendKey(key, change.schema(), change.image());
        }
        return UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Appends the primary-key values (all values for a table without a key) unambiguously. */
    static void appendKey(StringBuilder key, TableSchema schema, Object[] image) {
        int[] indexes = schema.primaryKeyIndexes();
        if (indexes.length == 0) {
            indexes = new int[image.length];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = i;
            }
        }
        for (int index : indexes) {
            key.append('|');
            Object value = index >= 0 ? image[index] : null;
            if (value == null) {
                key.append("\\N");
            } else if (value instanceof byte[] bytes) {
                key.append("0x").append(HexFormat.of().formatHex(bytes));
            } else if (value instanceof List<?> list) {
                key.append(String.join(",", list.stream().map(String::valueOf).toList()));
            } else {
                String text = value.toString();
                key.append(text.length()).append(':').append(text);
            }
        }
    }
}

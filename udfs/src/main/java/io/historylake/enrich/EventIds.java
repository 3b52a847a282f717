package io.historylake.enrich;

import io.historylake.model.BinlogPosition;
import io.historylake.model.RowChange;
import io.historylake.model.TableSchema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private static final ThreadLocal<MessageDigest> MD5 = new Md5();

    private EventIds() {}

    /**
     * The id of a change.
     *
     * @param snapshotId identifies the snapshot a READ belongs to (kept in state); unused otherwise
     */
    public static String of(RowChange change, long snapshotId) {
        StringBuilder key =
                new StringBuilder(96)
                        .append(change.table().database())
                        .append('.')
                        .append(change.table().table());
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
        return nameUuid(key.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code UUID.nameUUIDFromBytes(name).toString()} (version 3, MD5) with the thread's digest
     * instead of a provider lookup per call.
     */
    static String nameUuid(byte[] name) {
        byte[] md5 = MD5.get().digest(name);
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
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

    /** One MD5 digest per thread; {@code digest} resets it after every id. */
    private static final class Md5 extends ThreadLocal<MessageDigest> {
        @Override
        protected MessageDigest initialValue() {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("This JVM has no MD5 digest for event ids", e);
            }
        }
    }
}

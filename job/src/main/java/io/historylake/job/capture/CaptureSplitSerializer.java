package io.historylake.job.capture;

import io.historylake.job.capture.binlog.BinlogOffset;
import io.historylake.job.capture.binlog.BinlogState;
import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.serde.SchemaCodec;
import io.historylake.serde.ValueCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The native capture's splits in checkpoints. Version 1: a kind byte, then the split's fields; key
 * values in the lake's value encoding, schema histories as Debezium's schema-history JSON.
 */
public final class CaptureSplitSerializer implements SimpleVersionedSerializer<CaptureSplit> {

    public static final int VERSION = 1;
    private static final byte SNAPSHOT = 1;
    private static final byte BINLOG = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(CaptureSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public CaptureSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Unknown native capture split version "
                            + version
                            + " (this release reads "
                            + VERSION
                            + ")");
        }
        return read(new DataInputDeserializer(bytes));
    }

    static void write(CaptureSplit split, DataOutputView out) throws IOException {
        if (split instanceof SnapshotSplit s) {
            out.writeByte(SNAPSHOT);
            writeSnapshot(s, out);
        } else if (split instanceof BinlogSplit b) {
            out.writeByte(BINLOG);
            writeState(b.state(), out);
        }
    }

    static CaptureSplit read(DataInputView in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case SNAPSHOT -> readSnapshot(in);
            case BINLOG -> new BinlogSplit(readState(in));
            default -> throw new IOException("Unknown native capture split kind " + kind);
        };
    }

    static void writeSnapshot(SnapshotSplit s, DataOutputView out) throws IOException {
        writeTable(s.table(), out);
        out.writeBoolean(s.finished());
        ValueCodec.writeNullableString(s.firstCreateTable(), out);
        out.writeBoolean(s.order() != null);
        if (s.order() != null) {
            writeOrder(s.table(), s.order(), out);
        }
        out.writeInt(s.chunks().size());
        for (TableWindow.Chunk chunk : s.chunks()) {
            writeChunk(s.order(), chunk, out);
        }
    }

    static SnapshotSplit readSnapshot(DataInputView in) throws IOException {
        TableId table = readTable(in);
        boolean finished = in.readBoolean();
        String create = ValueCodec.readNullableString(in);
        KeyOrder order = in.readBoolean() ? readOrder(in) : null;
        int n = in.readInt();
        List<TableWindow.Chunk> chunks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chunks.add(readChunk(order, in));
        }
        return new SnapshotSplit(table, chunks, order, create, finished);
    }

    static void writeState(BinlogState state, DataOutputView out) throws IOException {
        BinlogOffset offset = state.offset();
        out.writeUTF(offset.file());
        out.writeLong(offset.position());
        out.writeLong(offset.emittedThrough());
        ValueCodec.writeNullableString(offset.gtid(), out);
        writeLongString(state.schemaJson(), out);
        out.writeInt(state.windows().size());
        for (TableWindow window : state.windows().values()) {
            writeTable(window.table(), out);
            writeOrder(window.table(), window.order(), out);
            out.writeInt(window.chunks().size());
            for (TableWindow.Chunk chunk : window.chunks()) {
                writeChunk(window.order(), chunk, out);
            }
        }
    }

    static BinlogState readState(DataInputView in) throws IOException {
        BinlogOffset offset =
                new BinlogOffset(
                        in.readUTF(),
                        in.readLong(),
                        in.readLong(),
                        ValueCodec.readNullableString(in));
        String schemaJson = readLongString(in);
        int n = in.readInt();
        Map<TableId, TableWindow> windows = new HashMap<>();
        for (int i = 0; i < n; i++) {
            TableId table = readTable(in);
            KeyOrder order = readOrder(in);
            int chunks = in.readInt();
            List<TableWindow.Chunk> list = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                list.add(readChunk(order, in));
            }
            windows.put(table, new TableWindow(table, order, list));
        }
        return new BinlogState(offset, schemaJson, windows);
    }

    private static void writeOrder(TableId table, KeyOrder order, DataOutputView out)
            throws IOException {
        SchemaCodec.writeSchema(new TableSchema(table, order.columns(), List.of()), out);
        for (String collation : order.collations()) {
            ValueCodec.writeNullableString(collation, out);
        }
    }

    private static KeyOrder readOrder(DataInputView in) throws IOException {
        List<Column> columns = SchemaCodec.readSchema(in).columns();
        List<String> collations = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            collations.add(ValueCodec.readNullableString(in));
        }
        return new KeyOrder(columns, collations);
    }

    private static void writeChunk(KeyOrder order, TableWindow.Chunk chunk, DataOutputView out)
            throws IOException {
        ValueCodec.writePosition(chunk.position(), out);
        out.writeBoolean(chunk.upperKey() != null);
        if (chunk.upperKey() != null) {
            for (int i = 0; i < order.columns().size(); i++) {
                ValueCodec.writeValue(order.columns().get(i).lakeType(), chunk.upperKey()[i], out);
            }
        }
    }

    private static TableWindow.Chunk readChunk(KeyOrder order, DataInputView in)
            throws IOException {
        BinlogPosition position = ValueCodec.readPosition(in);
        Object[] key = null;
        if (in.readBoolean()) {
            key = new Object[order.columns().size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = ValueCodec.readValue(order.columns().get(i).lakeType(), in);
            }
        }
        return new TableWindow.Chunk(key, position);
    }

    private static void writeTable(TableId table, DataOutputView out) throws IOException {
        out.writeUTF(table.database());
        out.writeUTF(table.table());
    }

    private static TableId readTable(DataInputView in) throws IOException {
        return new TableId(in.readUTF(), in.readUTF());
    }

    /** writeUTF stops at 64 KB; a schema history can be longer. */
    static void writeLongString(String s, DataOutputView out) throws IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readLongString(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}

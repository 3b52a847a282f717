package io.historylake.serde;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.model.SourceProgress;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Binary encoding of {@link CdcEvent}s, driven by each column's lake type (no reflection). */
final class CdcEventCodec {

    private static final byte ROW_CHANGE = 0;
    private static final byte SCHEMA_CHANGE = 1;
    private static final byte PROGRESS = 2;
    private static final byte SCHEMA_VERSION = 3;
    private static final Op[] OPS = Op.values();
    private static final LakeType.Kind[] KINDS = LakeType.Kind.values();

    private CdcEventCodec() {}

    static void write(CdcEvent event, DataOutputView out) throws IOException {
        if (event instanceof RowChange row) {
            out.writeByte(ROW_CHANGE);
            writeSchema(row.schema(), out);
            out.writeInt(row.schemaVersion());
            out.writeByte(row.op().ordinal());
            writeImage(row.schema(), row.before(), out);
            writeImage(row.schema(), row.after(), out);
            out.writeLong(row.eventTimeMicros());
            writePosition(row.position(), out);
            writeNullableString(row.gtid(), out);
            writeNullableString(row.query(), out);
            writeNullableString(row.txId(), out);
            out.writeLong(row.txOrder());
            out.writeBoolean(row.pkChanged());
            writeNullableString(row.eventId(), out);
            writeHistory(row.history(), out);
            // one byte of flags; rows written before there was more than one read as quarantined
            out.writeByte((row.quarantined() ? 1 : 0) | (row.tableSeenWhole() ? 2 : 0));
        } else if (event instanceof SchemaChange ddl) {
            out.writeByte(SCHEMA_CHANGE);
            StringValue.writeString(ddl.table().database(), out);
            StringValue.writeString(ddl.table().table(), out);
            StringValue.writeString(ddl.ddl(), out);
            out.writeLong(ddl.eventTimeMicros());
            writePosition(ddl.position(), out);
            out.writeBoolean(ddl.newSchema() != null);
            if (ddl.newSchema() != null) {
                writeSchema(ddl.newSchema(), out);
            }
        } else if (event instanceof SchemaVersion version) {
            out.writeByte(SCHEMA_VERSION);
            writeSchema(version.schema(), out);
            out.writeInt(version.version());
            out.writeBoolean(version.previous() != null);
            if (version.previous() != null) {
                writeSchema(version.previous(), out);
            }
            writeNullableString(version.ddl(), out);
            out.writeLong(version.eventTimeMicros());
            boolean retyped = version.source() != version.schema();
            out.writeBoolean(retyped);
            if (retyped) {
                writeSchema(version.source(), out);
            }
            writeNullableString(version.verdict(), out);
            out.writeBoolean(version.quarantined());
        } else if (event instanceof SourceProgress progress) {
            out.writeByte(PROGRESS);
            writePosition(progress.position(), out);
        }
    }

    static CdcEvent read(DataInputView in) throws IOException {
        byte kind = in.readByte();
        if (kind == ROW_CHANGE) {
            TableSchema schema = readSchema(in);
            int version = in.readInt();
            Op op = OPS[in.readByte()];
            Object[] before = readImage(schema, in);
            Object[] after = readImage(schema, in);
            long time = in.readLong();
            BinlogPosition position = readPosition(in);
            String gtid = readNullableString(in);
            String query = readNullableString(in);
            String txId = readNullableString(in);
            long txOrder = in.readLong();
            boolean pkChanged = in.readBoolean();
            String eventId = readNullableString(in);
            RowHistory history = readHistory(in);
            byte flags = in.readByte();
            return new RowChange(
                    schema,
                    version,
                    op,
                    before,
                    after,
                    time,
                    position,
                    gtid,
                    query,
                    txId,
                    txOrder,
                    pkChanged,
                    eventId,
                    history,
                    (flags & 1) != 0,
                    (flags & 2) != 0);
        }
        if (kind == SCHEMA_CHANGE) {
            TableId table = new TableId(StringValue.readString(in), StringValue.readString(in));
            String ddl = StringValue.readString(in);
            long time = in.readLong();
            BinlogPosition position = readPosition(in);
            TableSchema schema = in.readBoolean() ? readSchema(in) : null;
            return new SchemaChange(table, ddl, time, position, schema);
        }
        if (kind == SCHEMA_VERSION) {
            TableSchema schema = readSchema(in);
            int version = in.readInt();
            TableSchema previous = in.readBoolean() ? readSchema(in) : null;
            String ddl = readNullableString(in);
            long time = in.readLong();
            TableSchema source = in.readBoolean() ? readSchema(in) : schema;
            return new SchemaVersion(
                    schema,
                    version,
                    previous,
                    ddl,
                    time,
                    source,
                    readNullableString(in),
                    in.readBoolean());
        }
        if (kind == PROGRESS) {
            return new SourceProgress(readPosition(in));
        }
        throw new IOException("Corrupt CdcEvent: unknown kind " + kind);
    }

    private static void writeSchema(TableSchema schema, DataOutputView out) throws IOException {
        StringValue.writeString(schema.table().database(), out);
        StringValue.writeString(schema.table().table(), out);
        out.writeInt(schema.columns().size());
        for (Column c : schema.columns()) {
            StringValue.writeString(c.name(), out);
            StringValue.writeString(c.mysqlType(), out);
            out.writeInt(c.length());
            out.writeInt(c.scale());
            out.writeBoolean(c.nullable());
            writeStrings(c.enumValues(), out);
            out.writeByte(c.lakeType().kind().ordinal());
            out.writeInt(c.lakeType().precision());
            out.writeInt(c.lakeType().scale());
        }
        writeStrings(schema.primaryKey(), out);
    }

    private static TableSchema readSchema(DataInputView in) throws IOException {
        TableId table = new TableId(StringValue.readString(in), StringValue.readString(in));
        int n = in.readInt();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = StringValue.readString(in);
            String type = StringValue.readString(in);
            int length = in.readInt();
            int scale = in.readInt();
            boolean nullable = in.readBoolean();
            List<String> enumValues = readStrings(in);
            LakeType lakeType = new LakeType(KINDS[in.readByte()], in.readInt(), in.readInt());
            columns.add(new Column(name, type, length, scale, nullable, enumValues, lakeType));
        }
        return new TableSchema(table, columns, readStrings(in));
    }

    private static void writeImage(TableSchema schema, Object[] image, DataOutputView out)
            throws IOException {
        out.writeBoolean(image != null);
        if (image == null) {
            return;
        }
        List<Column> columns = schema.columns();
        for (int i = 0; i < image.length; i++) {
            Object value = image[i];
            out.writeBoolean(value != null);
            if (value != null) {
                writeValue(columns.get(i).lakeType(), value, out);
            }
        }
    }

    private static Object[] readImage(TableSchema schema, DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        List<Column> columns = schema.columns();
        Object[] image = new Object[columns.size()];
        for (int i = 0; i < image.length; i++) {
            image[i] = in.readBoolean() ? readValue(columns.get(i).lakeType(), in) : null;
        }
        return image;
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(LakeType type, Object value, DataOutputView out)
            throws IOException {
        switch (type.kind()) {
            case INT, DATE -> out.writeInt((Integer) value);
            case LONG, TIMESTAMP_MICROS -> out.writeLong((Long) value);
            case FLOAT -> out.writeFloat((Float) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case BOOLEAN -> out.writeBoolean((Boolean) value);
            case STRING -> StringValue.writeString((String) value, out);
            case BYTES -> writeBytes((byte[]) value, out);
            case DECIMAL -> {
                BigDecimal decimal = (BigDecimal) value;
                out.writeInt(decimal.scale());
                writeBytes(decimal.unscaledValue().toByteArray(), out);
            }
            case STRING_ARRAY -> writeStrings((List<String>) value, out);
        }
    }

    private static Object readValue(LakeType type, DataInputView in) throws IOException {
        return switch (type.kind()) {
            case INT, DATE -> in.readInt();
            case LONG, TIMESTAMP_MICROS -> in.readLong();
            case FLOAT -> in.readFloat();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case STRING -> StringValue.readString(in);
            case BYTES -> readBytes(in);
            case DECIMAL -> {
                int scale = in.readInt();
                yield new BigDecimal(new BigInteger(readBytes(in)), scale);
            }
            case STRING_ARRAY -> readStrings(in);
        };
    }

    private static void writeHistory(RowHistory history, DataOutputView out) throws IOException {
        out.writeBoolean(history != null);
        if (history != null) {
            out.writeLong(history.version());
            writeStrings(history.changedColumns(), out);
            writeNullableString(history.userId(), out);
            writeNullableString(history.requestId(), out);
        }
    }

    private static RowHistory readHistory(DataInputView in) throws IOException {
        return in.readBoolean()
                ? new RowHistory(
                        in.readLong(),
                        readStrings(in),
                        readNullableString(in),
                        readNullableString(in))
                : null;
    }

    private static void writePosition(BinlogPosition position, DataOutputView out)
            throws IOException {
        out.writeBoolean(position != null);
        if (position != null) {
            StringValue.writeString(position.file(), out);
            out.writeLong(position.position());
            out.writeInt(position.row());
        }
    }

    private static BinlogPosition readPosition(DataInputView in) throws IOException {
        return in.readBoolean()
                ? new BinlogPosition(StringValue.readString(in), in.readLong(), in.readInt())
                : null;
    }

    private static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static void writeStrings(List<String> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            StringValue.writeString(value, out);
        }
    }

    private static List<String> readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(StringValue.readString(in));
        }
        return List.copyOf(values);
    }

    private static void writeNullableString(String value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            StringValue.writeString(value, out);
        }
    }

    private static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? StringValue.readString(in) : null;
    }
}

package io.historylake.serde;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.RowHistory;
import io.historylake.model.TableSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Binary encoding of the parts of {@link io.historylake.model.CdcEvent}s: images, values,
 * positions.
 */
public final class ValueCodec {

    private ValueCodec() {}

    static void writeImage(TableSchema schema, Object[] image, DataOutputView out)
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

    static Object[] readImage(TableSchema schema, DataInputView in) throws IOException {
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
    public static void writeValue(LakeType type, Object value, DataOutputView out)
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

    public static Object readValue(LakeType type, DataInputView in) throws IOException {
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

    static void writeHistory(RowHistory history, DataOutputView out) throws IOException {
        out.writeBoolean(history != null);
        if (history != null) {
            out.writeLong(history.version());
            writeStrings(history.changedColumns(), out);
            writeNullableString(history.userId(), out);
            writeNullableString(history.requestId(), out);
        }
    }

    static RowHistory readHistory(DataInputView in) throws IOException {
        return in.readBoolean()
                ? new RowHistory(
                        in.readLong(),
                        readStrings(in),
                        readNullableString(in),
                        readNullableString(in))
                : null;
    }

    public static void writePosition(BinlogPosition position, DataOutputView out)
            throws IOException {
        out.writeBoolean(position != null);
        if (position != null) {
            StringValue.writeString(position.file(), out);
            out.writeLong(position.position());
            out.writeInt(position.row());
        }
    }

    public static BinlogPosition readPosition(DataInputView in) throws IOException {
        return in.readBoolean()
                ? new BinlogPosition(StringValue.readString(in), in.readLong(), in.readInt())
                : null;
    }

    static void writeBytes(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static byte[] readBytes(DataInputView in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    static void writeStrings(List<String> values, DataOutputView out) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            StringValue.writeString(value, out);
        }
    }

    static List<String> readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(StringValue.readString(in));
        }
        return List.copyOf(values);
    }

    public static void writeNullableString(String value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            StringValue.writeString(value, out);
        }
    }

    public static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? StringValue.readString(in) : null;
    }
}

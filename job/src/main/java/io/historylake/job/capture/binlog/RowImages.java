package io.historylake.job.capture.binlog;

import io.historylake.job.capture.schema.CapturedTable;
import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.shaded.binlog.event.TableMapEventData;
import io.historylake.shaded.binlog.event.deserialization.ColumnType;
import io.historylake.shaded.binlog.event.deserialization.json.JsonBinary;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Turns the decoded cells of one table's rows events into the lake's values, column by column, as
 * the table's schema says; made once per table map and checked against it: a binlog column whose
 * type the schema does not explain stops the capture (a wrong value must never land).
 */
final class RowImages {

    private final CapturedTable table;
    private final Cell[] cells;

    private RowImages(CapturedTable table, Cell[] cells) {
        this.table = table;
        this.cells = cells;
    }

    CapturedTable table() {
        return table;
    }

    /**
     * @throws SchemaMismatchException when the table map and the schema disagree
     */
    static RowImages of(CapturedTable table, TableMapEventData map, BinlogPosition at) {
        List<Column> columns = table.schema().columns();
        byte[] types = map.getColumnTypes();
        List<String> names =
                map.getEventMetadata() == null ? null : map.getEventMetadata().getColumnNames();
        if (types.length != columns.size()
                || (names != null
                        && !names.isEmpty()
                        && !names.equals(table.schema().columnNames()))) {
            throw SchemaMismatchException.of(table, map, at);
        }
        Cell[] cells = new Cell[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            Column column = columns.get(i);
            ColumnType binlogType = realType(types[i] & 0xFF, map.getColumnMetadata()[i]);
            Kind kind = Kind.of(column, binlogType);
            if (kind == null) {
                throw SchemaMismatchException.of(table, map, at);
            }
            cells[i] = new Cell(kind, column, table.charsets().get(i));
        }
        return new RowImages(table, cells);
    }

    /** The lake values of a row; every column must be in the image (binlog_row_image=FULL). */
    Object[] image(Serializable[] row, BitSet included) {
        if (included.cardinality() != cells.length) {
            throw new IllegalStateException(
                    "A rows event of "
                            + table.schema().table()
                            + " holds "
                            + included.cardinality()
                            + " of "
                            + cells.length
                            + " columns: the server logs partial row images. Set"
                            + " binlog_row_image=FULL (SET GLOBAL binlog_row_image = FULL).");
        }
        Object[] values = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = row[i] == null ? null : cells[i].convert(row[i]);
        }
        return values;
    }

    /** STRING columns carry their real type (ENUM, SET, CHAR) in the metadata's high byte. */
    private static ColumnType realType(int code, int meta) {
        if (code == ColumnType.STRING.getCode() && meta >= 256) {
            int meta0 = meta >> 8;
            code = (meta0 & 0x30) != 0x30 ? meta0 | 0x30 : meta0;
        }
        ColumnType type = ColumnType.byCode(code);
        return type == null ? ColumnType.GEOMETRY : type;
    }

    /** How a decoded cell becomes the lake's value. */
    private enum Kind {
        SIGNED,
        UNSIGNED_TINY,
        UNSIGNED_SHORT,
        UNSIGNED_INT24,
        UNSIGNED_INT,
        UNSIGNED_BIGINT,
        LONG,
        FLOAT,
        DOUBLE,
        DECIMAL,
        DECIMAL_STRING,
        TEXT,
        BYTES,
        BINARY_PADDED,
        JSON,
        ENUM,
        SET,
        BIT_BOOLEAN,
        GEOMETRY,
        AS_IS;

        /** The conversion for a column of this binlog type, or null when the types disagree. */
        static Kind of(Column column, ColumnType binlog) {
            String type = column.mysqlType().replace(" ZEROFILL", "");
            boolean unsigned = type.endsWith(" UNSIGNED");
            LakeType.Kind lake = column.lakeType().kind();
            return switch (binlog) {
                case TINY -> lake == LakeType.Kind.INT ? (unsigned ? UNSIGNED_TINY : SIGNED) : null;
                case SHORT ->
                        lake == LakeType.Kind.INT ? (unsigned ? UNSIGNED_SHORT : SIGNED) : null;
                case INT24 ->
                        lake == LakeType.Kind.INT ? (unsigned ? UNSIGNED_INT24 : SIGNED) : null;
                case LONG ->
                        unsigned
                                ? (lake == LakeType.Kind.LONG ? UNSIGNED_INT : null)
                                : (lake == LakeType.Kind.INT ? SIGNED : null);
                case LONGLONG ->
                        unsigned
                                ? (lake == LakeType.Kind.DECIMAL ? UNSIGNED_BIGINT : null)
                                : (lake == LakeType.Kind.LONG ? LONG : null);
                case FLOAT -> lake == LakeType.Kind.FLOAT ? FLOAT : null;
                case DOUBLE -> lake == LakeType.Kind.DOUBLE ? DOUBLE : null;
                case NEWDECIMAL, DECIMAL ->
                        lake == LakeType.Kind.DECIMAL
                                ? DECIMAL
                                : lake == LakeType.Kind.STRING ? DECIMAL_STRING : null;
                case YEAR -> lake == LakeType.Kind.INT ? AS_IS : null;
                case DATE, NEWDATE -> lake == LakeType.Kind.DATE ? AS_IS : null;
                case TIME, TIME_V2 ->
                        lake == LakeType.Kind.LONG && type.startsWith("TIME") ? AS_IS : null;
                case DATETIME, DATETIME_V2, TIMESTAMP, TIMESTAMP_V2 ->
                        lake == LakeType.Kind.TIMESTAMP_MICROS ? AS_IS : null;
                case BIT ->
                        lake == LakeType.Kind.BOOLEAN
                                ? BIT_BOOLEAN
                                : lake == LakeType.Kind.BYTES ? BYTES : null;
                case ENUM -> type.equals("ENUM") ? ENUM : null;
                case SET -> type.equals("SET") ? SET : null;
                case JSON -> lake == LakeType.Kind.STRING ? JSON : null;
                case GEOMETRY -> lake == LakeType.Kind.BYTES ? GEOMETRY : null;
                case STRING, VARCHAR, VAR_STRING, BLOB, TINY_BLOB, MEDIUM_BLOB, LONG_BLOB ->
                        lake == LakeType.Kind.STRING
                                ? TEXT
                                : lake == LakeType.Kind.BYTES
                                        ? (type.equals("BINARY") ? BINARY_PADDED : BYTES)
                                        : null;
                default -> null;
            };
        }
    }

    private record Cell(Kind kind, Column column, Charset charset) {

        Object convert(Serializable v) {
            return switch (kind) {
                case SIGNED, AS_IS, FLOAT, DOUBLE, LONG -> v;
                case UNSIGNED_TINY -> ((Integer) v) & 0xFF;
                case UNSIGNED_SHORT -> ((Integer) v) & 0xFFFF;
                case UNSIGNED_INT24 -> ((Integer) v) & 0xFFFFFF;
                case UNSIGNED_INT -> Integer.toUnsignedLong((Integer) v);
                case UNSIGNED_BIGINT ->
                        new BigDecimal(new BigInteger(Long.toUnsignedString((Long) v)));
                case DECIMAL ->
                        ((BigDecimal) v)
                                .setScale(column.lakeType().scale(), RoundingMode.UNNECESSARY);
                case DECIMAL_STRING ->
                        ((BigDecimal) v)
                                .setScale(Math.max(column.scale(), 0), RoundingMode.UNNECESSARY)
                                .toPlainString();
                case TEXT ->
                        new String(
                                (byte[]) v, charset == null ? Charset.defaultCharset() : charset);
                case BYTES -> v;
                case BINARY_PADDED -> padded((byte[]) v, column.length());
                case JSON -> json((byte[]) v);
                case ENUM -> enumValue((Integer) v);
                case SET -> setValues((Long) v);
                case BIT_BOOLEAN -> bitTrue((byte[]) v);
                case GEOMETRY -> {
                    byte[] bytes = (byte[]) v; // 4-byte SRID, then WKB
                    yield bytes.length < 4 ? bytes : Arrays.copyOfRange(bytes, 4, bytes.length);
                }
            };
        }

        private String enumValue(int index) {
            return index <= 0 || index > column.enumValues().size()
                    ? ""
                    : column.enumValues().get(index - 1);
        }

        private List<String> setValues(long bits) {
            List<String> values = new ArrayList<>();
            List<String> all = column.enumValues();
            for (int i = 0; i < all.size() && i < 64; i++) {
                if ((bits & (1L << i)) != 0) {
                    values.add(all.get(i));
                }
            }
            return List.copyOf(values);
        }

        private static boolean bitTrue(byte[] bytes) {
            for (byte b : bytes) {
                if (b != 0) {
                    return true;
                }
            }
            return false;
        }

        /** MySQL pads BINARY(n) with zero bytes; the binlog leaves the padding out. */
        private static byte[] padded(byte[] bytes, int length) {
            return length > bytes.length ? Arrays.copyOf(bytes, length) : bytes;
        }

        private static String json(byte[] bytes) {
            if (bytes.length == 0) {
                return "null";
            }
            try {
                return JsonBinary.parseAsString(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("Unreadable binary JSON value", e);
            }
        }
    }
}

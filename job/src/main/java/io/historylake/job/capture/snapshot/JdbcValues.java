package io.historylake.job.capture.snapshot;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.types.MySqlTypes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Snapshot values: a result-set column read as the lake's value. Temporal values are read as the
 * server's text (the session runs in UTC) and parsed here: the driver's own temporal objects shift
 * values by the JVM's zone, and lose the sign of a TIME above -1 hour.
 */
final class JdbcValues {

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private JdbcValues() {}

    static Object read(ResultSet rs, int index, Column column) throws SQLException {
        String type = column.mysqlType();
        return switch (column.lakeType().kind()) {
            case INT -> nullable(rs, rs.getInt(index));
            case LONG ->
                    type.startsWith("TIME")
                            ? time(rs.getString(index))
                            : nullable(rs, rs.getLong(index));
            case FLOAT -> nullable(rs, rs.getFloat(index));
            case DOUBLE -> nullable(rs, rs.getDouble(index));
            case BOOLEAN -> {
                byte[] bytes = rs.getBytes(index);
                yield bytes == null ? null : bitTrue(bytes);
            }
            case DECIMAL -> {
                BigDecimal d = rs.getBigDecimal(index);
                yield d == null
                        ? null
                        : d.setScale(column.lakeType().scale(), RoundingMode.UNNECESSARY);
            }
            case STRING -> {
                if (type.startsWith("DEC") || type.startsWith("NUMERIC")) {
                    BigDecimal d = rs.getBigDecimal(index);
                    yield d == null
                            ? null
                            : d.setScale(Math.max(column.scale(), 0), RoundingMode.UNNECESSARY)
                                    .toPlainString();
                }
                yield rs.getString(index);
            }
            case BYTES -> bytes(rs.getBytes(index), type);
            case DATE -> date(rs.getString(index));
            case TIMESTAMP_MICROS -> timestamp(rs.getString(index));
            case STRING_ARRAY -> {
                String s = rs.getString(index);
                yield s == null ? null : s.isEmpty() ? List.of() : List.of(s.split(","));
            }
        };
    }

    /** Binds a key value (as {@link #read} gives it) to a statement parameter. */
    static void bind(PreparedStatement statement, int index, Column column, Object value)
            throws SQLException {
        switch (column.lakeType().kind()) {
            case DATE ->
                    statement.setString(index, LocalDate.ofEpochDay((Integer) value).toString());
            case TIMESTAMP_MICROS -> statement.setString(index, timestampText((Long) value));
            case LONG -> {
                if (column.mysqlType().startsWith("TIME")) {
                    statement.setString(index, timeText((Long) value));
                } else {
                    statement.setLong(index, (Long) value);
                }
            }
            default -> statement.setObject(index, value);
        }
    }

    /**
     * Whether the chunk query selects the column as the server's text ({@code CAST(.. AS CHAR)},
     * see {@link ChunkQuery}), which {@link #read} parses.
     */
    static boolean isTemporal(Column column) {
        LakeType.Kind kind = column.lakeType().kind();
        return kind == LakeType.Kind.DATE
                || kind == LakeType.Kind.TIMESTAMP_MICROS
                || (kind == LakeType.Kind.LONG && column.mysqlType().startsWith("TIME"));
    }

    private static Object nullable(ResultSet rs, Object value) throws SQLException {
        return rs.wasNull() ? null : value;
    }

    private static boolean bitTrue(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(byte[] value, String type) {
        if (value == null) {
            return null;
        }
        boolean spatial = MySqlTypes.isSpatial(type);
        // MySQL's spatial values are a 4-byte SRID and the WKB; the lake keeps the WKB.
        return spatial && value.length >= 4 ? Arrays.copyOfRange(value, 4, value.length) : value;
    }

    /** {@code YYYY-MM-DD}; a zero date, or one with a zero part, is null. */
    static Integer date(String s) {
        if (s == null) {
            return null;
        }
        int year = Integer.parseInt(s, 0, 4, 10);
        int month = Integer.parseInt(s, 5, 7, 10);
        int day = Integer.parseInt(s, 8, 10, 10);
        return year == 0 || month == 0 || day == 0
                ? null
                : (int) LocalDate.of(year, month, day).toEpochDay();
    }

    /** {@code YYYY-MM-DD hh:mm:ss[.ffffff]} read as UTC; a zero date is null. */
    static Long timestamp(String s) {
        if (s == null) {
            return null;
        }
        Integer days = date(s);
        if (days == null) {
            return null;
        }
        long micros = days * MICROS_PER_DAY;
        if (s.length() >= 19) {
            micros +=
                    ((Integer.parseInt(s, 11, 13, 10) * 60L + Integer.parseInt(s, 14, 16, 10)) * 60L
                                            + Integer.parseInt(s, 17, 19, 10))
                                    * 1_000_000L
                            + fraction(s, 19);
        }
        return micros;
    }

    /** {@code [-]hhh:mm:ss[.ffffff]} as signed microseconds. */
    static Long time(String s) {
        if (s == null) {
            return null;
        }
        boolean negative = s.startsWith("-");
        int start = negative ? 1 : 0;
        int c1 = s.indexOf(':', start);
        int c2 = s.indexOf(':', c1 + 1);
        long hours = Long.parseLong(s, start, c1, 10);
        long minutes = Long.parseLong(s, c1 + 1, c2, 10);
        long seconds = Long.parseLong(s, c2 + 1, c2 + 3, 10);
        long micros = ((hours * 60 + minutes) * 60 + seconds) * 1_000_000L + fraction(s, c2 + 3);
        return negative ? -micros : micros;
    }

    private static long fraction(String s, int dot) {
        if (s.length() <= dot + 1 || s.charAt(dot) != '.') {
            return 0;
        }
        long value = 0;
        int digits = 0;
        for (int i = dot + 1; i < s.length() && digits < 6; i++, digits++) {
            value = value * 10 + (s.charAt(i) - '0');
        }
        for (; digits < 6; digits++) {
            value *= 10;
        }
        return value;
    }

    static String timestampText(long micros) {
        long days = Math.floorDiv(micros, MICROS_PER_DAY);
        long inDay = Math.floorMod(micros, MICROS_PER_DAY);
        return LocalDate.ofEpochDay(days) + " " + clock(inDay);
    }

    static String timeText(long micros) {
        return (micros < 0 ? "-" : "") + clock(Math.abs(micros));
    }

    private static String clock(long micros) {
        long seconds = micros / 1_000_000L;
        return String.format(
                "%02d:%02d:%02d.%06d",
                seconds / 3600, seconds / 60 % 60, seconds % 60, micros % 1_000_000L);
    }
}

package io.historylake.job.capture.binlog;

import io.historylake.shaded.binlog.event.deserialization.ColumnType;
import io.historylake.shaded.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;

/**
 * Decodes the binlog cells whose library form would lose or shift a value, straight into the lake's
 * Java types (see {@code LakeType}); written from MySQL's documented binary formats.
 *
 * <ul>
 *   <li>CHAR/VARCHAR/BINARY: raw bytes (decoded later with the column's charset)
 *   <li>BIT(n): big-endian bytes, as MySQL stores them
 *   <li>DATE: days since 1970-01-01; a zero date (or one with a zero part) is null
 *   <li>TIME(n): signed microseconds; negative values with a fraction are stored as the next lower
 *       second and the fraction's complement, in an unsigned 1 or 2 bytes for n of 1-4
 *   <li>DATETIME(n): microseconds of the wall-clock time read as UTC; a zero date is null
 *   <li>TIMESTAMP(n): microseconds since the epoch; the zero timestamp is null
 *   <li>YEAR: the year (0 for 0000)
 * </ul>
 *
 * Any other type: null here, and the library's decoder is used.
 */
final class BinlogCells {

    /** Marks a type this class does not decode. */
    static final Serializable NOT_MINE = new NotMine();

    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private BinlogCells() {}

    /** The library's decoder of a cell. */
    interface Fallback {
        Serializable decode(ColumnType type, int meta, int length, ByteArrayInputStream in)
                throws IOException;
    }

    /** Our decoding of the cell, or the library's for the types we leave to it. */
    static Serializable decodeOr(
            ColumnType type, int meta, int length, ByteArrayInputStream in, Fallback library)
            throws IOException {
        Serializable value = decode(type, meta, length, in);
        return value == NOT_MINE ? library.decode(type, meta, length, in) : value;
    }

    static Serializable decode(ColumnType type, int meta, int length, ByteArrayInputStream in)
            throws IOException {
        return switch (type) {
            case STRING -> in.read(length < 256 ? in.readInteger(1) : in.readInteger(2));
            case VARCHAR, VAR_STRING -> in.read(meta < 256 ? in.readInteger(1) : in.readInteger(2));
            case BIT -> bits(meta, in);
            case DATE -> date(in.readInteger(3));
            case TIME -> time(in);
            case TIME_V2 -> timeV2(meta, in);
            case DATETIME -> datetime(in.readLong(8));
            case DATETIME_V2 -> datetimeV2(meta, in);
            case TIMESTAMP -> timestamp(in.readLong(4), 0);
            case TIMESTAMP_V2 -> timestamp(bigEndian(in.read(4)), fractionMicros(meta, in));
            case YEAR -> {
                int value = in.readInteger(1);
                yield value == 0 ? 0 : 1900 + value;
            }
            default -> NOT_MINE;
        };
    }

    private static byte[] bits(int meta, ByteArrayInputStream in) throws IOException {
        int bits = (meta >> 8) * 8 + (meta & 0xFF);
        return in.read((bits + 7) >> 3);
    }

    private static Integer date(int value) {
        int day = value & 0x1F;
        int month = (value >>> 5) & 0x0F;
        int year = value >>> 9;
        return year == 0 || month == 0 || day == 0
                ? null
                : (int) LocalDate.of(year, month, day).toEpochDay();
    }

    /** TIME before MySQL 5.6.4: 3 bytes, signed HHMMSS. */
    private static Long time(ByteArrayInputStream in) throws IOException {
        int value = (in.readInteger(3) << 8) >> 8;
        long abs = Math.abs((long) value);
        long seconds = (abs / 10000) * 3600 + (abs / 100 % 100) * 60 + abs % 100;
        return (value < 0 ? -seconds : seconds) * 1_000_000L;
    }

    /** TIME(n): a 48-bit packed value (hms high, microseconds low) stored with an offset. */
    private static Long timeV2(int meta, ByteArrayInputStream in) throws IOException {
        long packed;
        switch ((meta + 1) / 2) {
            case 1 -> {
                long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
                int frac = in.readInteger(1);
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000L;
            }
            case 2 -> {
                long intPart = bigEndian(in.read(3)) - TIMEF_INT_OFS;
                int frac = (int) bigEndian(in.read(2));
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100L;
            }
            case 3 -> packed = bigEndian(in.read(6)) - TIMEF_OFS;
            default -> packed = (bigEndian(in.read(3)) - TIMEF_INT_OFS) << 24;
        }
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        long seconds = ((hms >> 12) & 0x3FF) * 3600 + ((hms >> 6) & 0x3F) * 60 + (hms & 0x3F);
        long micros = seconds * 1_000_000L + (abs & 0xFFFFFF);
        return packed < 0 ? -micros : micros;
    }

    /** DATETIME before MySQL 5.6.4: 8 bytes, YYYYMMDDhhmmss. */
    private static Long datetime(long value) {
        int second = (int) (value % 100);
        int minute = (int) (value / 100 % 100);
        int hour = (int) (value / 10_000 % 100);
        int day = (int) (value / 1_000_000 % 100);
        int month = (int) (value / 100_000_000 % 100);
        int year = (int) (value / 10_000_000_000L);
        return wallClockMicros(year, month, day, hour, minute, second, 0);
    }

    /** DATETIME(n): 5 bytes (sign, year*13+month, day, hour, minute, second), then the fraction. */
    private static Long datetimeV2(int meta, ByteArrayInputStream in) throws IOException {
        long value = bigEndian(in.read(5));
        int yearMonth = (int) ((value >> 22) & 0x1FFFF);
        int day = (int) ((value >> 17) & 0x1F);
        int hour = (int) ((value >> 12) & 0x1F);
        int minute = (int) ((value >> 6) & 0x3F);
        int second = (int) (value & 0x3F);
        int micros = fractionMicros(meta, in);
        return wallClockMicros(yearMonth / 13, yearMonth % 13, day, hour, minute, second, micros);
    }

    static Long wallClockMicros(
            int year, int month, int day, int hour, int minute, int second, int micros) {
        if (year == 0 || month == 0 || day == 0) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return days * MICROS_PER_DAY + ((hour * 60L + minute) * 60L + second) * 1_000_000L + micros;
    }

    private static Long timestamp(long seconds, int micros) {
        return seconds == 0 && micros == 0 ? null : seconds * 1_000_000L + micros;
    }

    /** A non-negative fraction of (fsp + 1) / 2 big-endian bytes, in microseconds. */
    private static int fractionMicros(int fsp, ByteArrayInputStream in) throws IOException {
        int length = (fsp + 1) / 2;
        if (length == 0) {
            return 0;
        }
        long fraction = bigEndian(in.read(length));
        return (int)
                switch (length) {
                    case 1 -> fraction * 10_000L;
                    case 2 -> fraction * 100L;
                    default -> fraction;
                };
    }

    private static long bigEndian(byte[] bytes) {
        long result = 0;
        for (byte b : bytes) {
            result = (result << 8) | (b & 0xFF);
        }
        return result;
    }

    private static final class NotMine implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}

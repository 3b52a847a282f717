package io.debezium.connector.mysql;

import com.github.shyiko.mysql.binlog.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * history-lake's own decoder of binlog column values for Debezium's row deserializers: it takes the
 * place of Debezium's class of the same name (the connector's nested {@code
 * RowDeserializers$...RowsDeserializer} classes call these static methods), returning the same Java
 * types. Written from MySQL's documented binary formats; it differs in one respect: negative
 * TIME(n) values with a zero fraction, which Debezium decodes off by up to 3.3 s. Negative values
 * with a fraction are stored as the next lower second and the fraction's complement (an unsigned 1
 * or 2 bytes for n of 1-4, as MySQL's {@code my_time_packed_from_binary} reads them).
 */
public class RowDeserializers {

    private static final long TIMEF_INT_OFS = 0x800000L;
    private static final long TIMEF_OFS = 0x800000000000L;

    private RowDeserializers() {}

    /** CHAR/BINARY: raw bytes; the connector decodes them with the column's charset. */
    protected static Serializable deserializeString(int length, ByteArrayInputStream in)
            throws IOException {
        int size = length < 256 ? in.readInteger(1) : in.readInteger(2);
        return in.read(size);
    }

    /** VARCHAR/VARBINARY: raw bytes. */
    protected static Serializable deserializeVarString(int meta, ByteArrayInputStream in)
            throws IOException {
        int size = meta < 256 ? in.readInteger(1) : in.readInteger(2);
        return in.read(size);
    }

    /** DATE (3 bytes, little endian: day 5 bits, month 4 bits, year); a zero date is null. */
    protected static Serializable deserializeDate(ByteArrayInputStream in) throws IOException {
        int value = in.readInteger(3);
        int day = value & 0x1F;
        int month = (value >>> 5) & 0x0F;
        int year = value >>> 9;
        return year == 0 || month == 0 || day == 0 ? null : LocalDate.of(year, month, day);
    }

    /** TIME before MySQL 5.6.4 (3 bytes, signed HHMMSS). */
    protected static Serializable deserializeTime(ByteArrayInputStream in) throws IOException {
        int value = (in.readInteger(3) << 8) >> 8;
        long abs = Math.abs((long) value);
        long seconds = (abs / 10000) * 3600 + (abs / 100 % 100) * 60 + abs % 100;
        return Duration.ofSeconds(value < 0 ? -seconds : seconds);
    }

    /**
     * TIME(n) since MySQL 5.6.4: a 48-bit packed value (hms in the high 24 bits, microseconds in
     * the low 24) stored with an offset, the fraction shortened to (n + 1) / 2 bytes.
     */
    protected static Serializable deserializeTimeV2(int meta, ByteArrayInputStream in)
            throws IOException {
        long packed;
        switch ((meta + 1) / 2) {
            case 1 -> {
                long intPart = bigEndianLong(in.read(3), 0, 3) - TIMEF_INT_OFS;
                int frac = in.readInteger(1); // unsigned, as MySQL reads it
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x100;
                }
                packed = (intPart << 24) + frac * 10_000L;
            }
            case 2 -> {
                long intPart = bigEndianLong(in.read(3), 0, 3) - TIMEF_INT_OFS;
                int frac = (int) bigEndianLong(in.read(2), 0, 2); // unsigned
                if (intPart < 0 && frac != 0) {
                    intPart++;
                    frac -= 0x10000;
                }
                packed = (intPart << 24) + frac * 100L;
            }
            case 3 -> packed = bigEndianLong(in.read(6), 0, 6) - TIMEF_OFS;
            default -> packed = (bigEndianLong(in.read(3), 0, 3) - TIMEF_INT_OFS) << 24;
        }
        long abs = Math.abs(packed);
        long hms = abs >> 24;
        long micros = abs & 0xFFFFFF;
        long seconds = ((hms >> 12) & 0x3FF) * 3600 + ((hms >> 6) & 0x3F) * 60 + (hms & 0x3F);
        Duration duration = Duration.ofSeconds(seconds).plusNanos(micros * 1000);
        return packed < 0 ? duration.negated() : duration;
    }

    /** DATETIME before MySQL 5.6.4 (8 bytes, YYYYMMDDhhmmss); a zero date is null. */
    protected static Serializable deserializeDatetime(ByteArrayInputStream in) throws IOException {
        long value = in.readLong(8);
        int second = (int) (value % 100);
        int minute = (int) (value / 100 % 100);
        int hour = (int) (value / 10_000 % 100);
        int day = (int) (value / 1_000_000 % 100);
        int month = (int) (value / 100_000_000 % 100);
        int year = (int) (value / 10_000_000_000L);
        return year == 0 || month == 0 || day == 0
                ? null
                : LocalDateTime.of(year, month, day, hour, minute, second);
    }

    /**
     * DATETIME(n) since MySQL 5.6.4: 5 bytes (sign, year*13+month, day, hour, minute, second) and
     * the fraction; a zero date is null.
     */
    protected static Serializable deserializeDatetimeV2(int meta, ByteArrayInputStream in)
            throws IOException {
        long value = bigEndianLong(in.read(5), 0, 5);
        int yearMonth = (int) ((value >> 22) & 0x1FFFF);
        int year = yearMonth / 13;
        int month = yearMonth % 13;
        int day = (int) ((value >> 17) & 0x1F);
        int hour = (int) ((value >> 12) & 0x1F);
        int minute = (int) ((value >> 6) & 0x3F);
        int second = (int) (value & 0x3F);
        int nanos = deserializeFractionalSecondsInNanos(meta, in);
        return year == 0 || month == 0 || day == 0
                ? null
                : LocalDateTime.of(year, month, day, hour, minute, second, nanos);
    }

    /** TIMESTAMP before MySQL 5.6.4: seconds since the epoch (4 bytes, little endian), in UTC. */
    protected static Serializable deserializeTimestamp(ByteArrayInputStream in) throws IOException {
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(in.readLong(4)), ZoneOffset.UTC);
    }

    /** TIMESTAMP(n): seconds since the epoch (4 bytes, big endian) and the fraction, in UTC. */
    protected static Serializable deserializeTimestampV2(int meta, ByteArrayInputStream in)
            throws IOException {
        long seconds = bigEndianLong(in.read(4), 0, 4);
        int nanos = deserializeFractionalSecondsInNanos(meta, in);
        return ZonedDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.UTC);
    }

    /** YEAR: one byte, years since 1900. */
    protected static Serializable deserializeYear(ByteArrayInputStream in) throws IOException {
        return Year.of(1900 + in.readInteger(1));
    }

    /** Reads a non-negative fraction of (fsp + 1) / 2 bytes as nanoseconds. */
    protected static int deserializeFractionalSecondsInNanos(int fsp, ByteArrayInputStream in)
            throws IOException {
        int length = (fsp + 1) / 2;
        if (length == 0) {
            return 0;
        }
        long fraction = bigEndianLong(in.read(length), 0, length);
        return (int)
                switch (length) {
                    case 1 -> fraction * 10_000_000L;
                    case 2 -> fraction * 100_000L;
                    default -> fraction * 1_000L;
                };
    }

    /** Big-endian unsigned value of {@code length} bytes. */
    protected static long bigEndianLong(byte[] bytes, int offset, int length) {
        long result = 0;
        for (int i = offset; i < offset + length; i++) {
            result = (result << 8) | (bytes[i] & 0xFF);
        }
        return result;
    }
}

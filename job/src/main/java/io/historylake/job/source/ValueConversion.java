package io.historylake.job.source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;

/**
 * How one Debezium value becomes the lake's Java value; chosen once per column from the Connect
 * schema name and the column's lake type (see {@link ConnectSchemas}).
 */
enum ValueConversion {
    TO_INT {
        @Override
        Object convert(Object v, int scale) {
            return v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue();
        }
    },
    TO_LONG {
        @Override
        Object convert(Object v, int scale) {
            return ((Number) v).longValue();
        }
    },
    MILLIS_TO_MICROS {
        @Override
        Object convert(Object v, int scale) {
            return ((Number) v).longValue() * 1000L;
        }
    },
    /**
     * TIME(n) as Debezium's MicroTime, with the snapshot's shift ({@link SnapshotTimes}) undone.
     */
    MICRO_TIME {
        @Override
        Object convert(Object v, int scale) {
            return SnapshotTimes.unshift(((Number) v).longValue());
        }
    },
    NANOS_TO_MICROS {
        @Override
        Object convert(Object v, int scale) {
            return Math.floorDiv(((Number) v).longValue(), 1000L);
        }
    },
    ISO_INSTANT_TO_MICROS {
        @Override
        Object convert(Object v, int scale) {
            return isoMicros((String) v);
        }
    },
    TO_DATE {
        @Override
        Object convert(Object v, int scale) {
            return ((Number) v).intValue();
        }
    },
    TO_FLOAT {
        @Override
        Object convert(Object v, int scale) {
            return ((Number) v).floatValue();
        }
    },
    TO_DOUBLE {
        @Override
        Object convert(Object v, int scale) {
            return ((Number) v).doubleValue();
        }
    },
    TO_BOOLEAN {
        @Override
        Object convert(Object v, int scale) {
            if (v instanceof byte[] bytes) {
                return bytes.length > 0 && bytes[0] != 0;
            }
            return v instanceof Boolean b ? b : ((Number) v).intValue() != 0;
        }
    },
    TO_DECIMAL {
        @Override
        Object convert(Object v, int scale) {
            BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
            return d.setScale(scale, RoundingMode.UNNECESSARY);
        }
    },
    DECIMAL_TO_STRING {
        @Override
        Object convert(Object v, int scale) {
            BigDecimal d = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
            return d.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
        }
    },
    TO_STRING {
        @Override
        Object convert(Object v, int scale) {
            return v.toString();
        }
    },
    TO_BYTES {
        @Override
        Object convert(Object v, int scale) {
            return bytes(v);
        }
    },
    /** Debezium's Bits are little-endian; the lake keeps MySQL's big-endian BIT(n) bytes. */
    BITS_TO_BYTES {
        @Override
        Object convert(Object v, int scale) {
            byte[] little = bytes(v);
            int width = Math.max(1, (scale + 7) / 8);
            byte[] big = new byte[width];
            for (int i = 0; i < little.length && i < width; i++) {
                big[width - 1 - i] = little[i];
            }
            return big;
        }
    },
    GEOMETRY_TO_WKB {
        @Override
        Object convert(Object v, int scale) {
            return bytes(((Struct) v).get("wkb"));
        }
    },
    SET_TO_LIST {
        @Override
        Object convert(Object v, int scale) {
            String s = v.toString();
            return s.isEmpty()
                    ? List.of()
                    : List.copyOf(new ArrayList<>(Arrays.asList(s.split(","))));
        }
    };

    /**
     * Converts a non-null Debezium value.
     *
     * @param scale the decimal scale for decimals, the bit width for BIT(n), else unused
     */
    abstract Object convert(Object value, int scale);

    static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        ByteBuffer buffer = ((ByteBuffer) v).duplicate();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /**
     * Microseconds since the epoch of an ISO-8601 UTC timestamp as Debezium writes TIMESTAMP values
     * ({@code 2024-01-31T10:11:12.123456Z}), parsed by hand on the hot path; any other form goes
     * through {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME}.
     */
    static long isoMicros(String s) {
        int n = s.length();
        if (n >= 20
                && s.charAt(4) == '-'
                && s.charAt(7) == '-'
                && s.charAt(10) == 'T'
                && s.charAt(13) == ':'
                && s.charAt(16) == ':'
                && s.charAt(n - 1) == 'Z'
                && (n == 20 || s.charAt(19) == '.')
                && n <= 30) {
            int year = digits(s, 0, 4);
            int month = digits(s, 5, 7);
            int day = digits(s, 8, 10);
            int hour = digits(s, 11, 13);
            int minute = digits(s, 14, 16);
            int second = digits(s, 17, 19);
            int micros = 0;
            int places = 0;
            for (int i = 20; i < n - 1; i++, places++) {
                int d = s.charAt(i) - '0';
                if (d < 0 || d > 9) {
                    return slowIsoMicros(s);
                }
                if (places < 6) {
                    micros = micros * 10 + d;
                }
            }
            for (; places < 6; places++) {
                micros *= 10;
            }
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= 31
                    && hour < 24
                    && minute < 60
                    && second < 60) {
                long days = java.time.LocalDate.of(year, month, day).toEpochDay();
                return ((days * 24 + hour) * 60 + minute) * 60_000_000L
                        + second * 1_000_000L
                        + micros;
            }
        }
        return slowIsoMicros(s);
    }

    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1_000_000;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static long slowIsoMicros(String s) {
        Instant instant = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from);
        return instant.getEpochSecond() * 1_000_000L + instant.get(ChronoField.MICRO_OF_SECOND);
    }
}

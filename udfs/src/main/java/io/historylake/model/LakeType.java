package io.historylake.model;

import java.io.Serializable;

/**
 * The logical type a column has in the lake, independent of the file format.
 *
 * <p>Java values by kind: INT {@link Integer}, LONG {@link Long}, FLOAT {@link Float}, DOUBLE
 * {@link Double}, BOOLEAN {@link Boolean}, STRING {@link String}, BYTES {@code byte[]}, DECIMAL
 * {@link java.math.BigDecimal} (at this type's scale), DATE {@link Integer} days since 1970-01-01,
 * TIMESTAMP_MICROS {@link Long} microseconds since 1970-01-01T00:00Z, STRING_ARRAY {@code
 * java.util.List<String>}.
 */
public record LakeType(Kind kind, int precision, int scale) implements Serializable {

    /** The kinds of lake types. */
    public enum Kind {
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        BOOLEAN,
        STRING,
        BYTES,
        DECIMAL,
        DATE,
        TIMESTAMP_MICROS,
        STRING_ARRAY
    }

    public static final LakeType INT = new LakeType(Kind.INT, 0, 0);
    public static final LakeType LONG = new LakeType(Kind.LONG, 0, 0);
    public static final LakeType FLOAT = new LakeType(Kind.FLOAT, 0, 0);
    public static final LakeType DOUBLE = new LakeType(Kind.DOUBLE, 0, 0);
    public static final LakeType BOOLEAN = new LakeType(Kind.BOOLEAN, 0, 0);
    public static final LakeType STRING = new LakeType(Kind.STRING, 0, 0);
    public static final LakeType BYTES = new LakeType(Kind.BYTES, 0, 0);
    public static final LakeType DATE = new LakeType(Kind.DATE, 0, 0);
    public static final LakeType TIMESTAMP_MICROS = new LakeType(Kind.TIMESTAMP_MICROS, 0, 0);
    public static final LakeType STRING_ARRAY = new LakeType(Kind.STRING_ARRAY, 0, 0);

    /** Largest decimal precision the lake stores as a decimal (Athena's and Parquet's limit). */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static LakeType decimal(int precision, int scale) {
        if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale < 0 || scale > precision) {
            throw new IllegalArgumentException(
                    "Invalid decimal(" + precision + "," + scale + ") for the lake");
        }
        return new LakeType(Kind.DECIMAL, precision, scale);
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL
                ? "decimal(" + precision + "," + scale + ")"
                : kind.name().toLowerCase();
    }
}

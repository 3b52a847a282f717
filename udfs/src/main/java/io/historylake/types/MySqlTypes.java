package io.historylake.types;

import io.historylake.model.LakeType;
import java.util.Locale;

/**
 * Maps a MySQL column type to the lake type it lands as, losslessly.
 *
 * <p>TINYINT..INT (signed or not, TINYINT(1) included) to int32, INT UNSIGNED and BIGINT to int64,
 * BIGINT UNSIGNED to decimal(20,0), DECIMAL(p,s) to decimal(p,s) (p over 38 to string), FLOAT and
 * DOUBLE as such, BIT(1) to boolean and BIT(n) to bytes, character types, ENUM and JSON to string,
 * SET to array of strings, binary types and spatial types (WKB) to bytes, DATE to date, DATETIME
 * and TIMESTAMP to timestamp-micros, TIME to int64 microseconds, YEAR to int32.
 */
public final class MySqlTypes {

    private MySqlTypes() {}

    /**
     * The lake type of a column.
     *
     * @param declaredType the type name as MySQL reports it, e.g. {@code INT UNSIGNED}
     * @param length the declared length or precision, -1 when none
     * @param scale the declared scale, -1 when none
     * @throws IllegalArgumentException for a type the lake has no lossless mapping for
     */
    public static LakeType lakeType(String declaredType, int length, int scale) {
        String type = declaredType.toUpperCase(Locale.ROOT).replace(" ZEROFILL", "").trim();
        boolean unsigned = type.endsWith(" UNSIGNED");
        String base = unsigned ? type.substring(0, type.length() - " UNSIGNED".length()) : type;
        return switch (base) {
            case "TINYINT", "SMALLINT", "MEDIUMINT", "YEAR", "BOOL", "BOOLEAN" -> LakeType.INT;
            case "INT", "INTEGER" -> unsigned ? LakeType.LONG : LakeType.INT;
            case "BIGINT" -> unsigned ? LakeType.decimal(20, 0) : LakeType.LONG;
            case "DECIMAL", "NUMERIC", "DEC", "FIXED" -> decimal(length, scale);
            case "FLOAT" -> LakeType.FLOAT;
            case "DOUBLE", "DOUBLE PRECISION", "REAL" -> LakeType.DOUBLE;
            case "BIT" -> length <= 1 ? LakeType.BOOLEAN : LakeType.BYTES;
            case "CHAR",
                            "VARCHAR",
                            "TINYTEXT",
                            "TEXT",
                            "MEDIUMTEXT",
                            "LONGTEXT",
                            "ENUM",
                            "JSON",
                            "INET4",
                            "INET6",
                            "UUID" ->
                    LakeType.STRING;
            case "SET" -> LakeType.STRING_ARRAY;
            case "BINARY", "VARBINARY", "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB" ->
                    LakeType.BYTES;
            case "DATE" -> LakeType.DATE;
            case "DATETIME", "TIMESTAMP" -> LakeType.TIMESTAMP_MICROS;
            case "TIME" -> LakeType.LONG;
            default -> {
                if (isSpatial(base)) {
                    yield LakeType.BYTES;
                }
                throw new IllegalArgumentException(
                        "MySQL type '"
                                + declaredType
                                + "' has no lossless lake mapping; exclude the table or column"
                                + " (--mysql.tables) or report the type to history-lake");
            }
        };
    }

    /** Whether the type holds spatial values (MySQL's SRID + WKB). */
    public static boolean isSpatial(String declaredType) {
        return switch (base(declaredType)) {
            case "GEOMETRY",
                            "POINT",
                            "LINESTRING",
                            "POLYGON",
                            "MULTIPOINT",
                            "MULTILINESTRING",
                            "MULTIPOLYGON",
                            "GEOMETRYCOLLECTION",
                            "GEOMCOLLECTION" ->
                    true;
            default -> false;
        };
    }

    /** Whether the type holds characters in a character set (text, ENUM, SET, JSON). */
    public static boolean isCharacter(String declaredType) {
        return switch (base(declaredType)) {
            case "CHAR",
                            "VARCHAR",
                            "TINYTEXT",
                            "TEXT",
                            "MEDIUMTEXT",
                            "LONGTEXT",
                            "ENUM",
                            "SET",
                            "JSON",
                            "NCHAR",
                            "NVARCHAR",
                            "NATIONAL CHAR",
                            "NATIONAL VARCHAR" ->
                    true;
            default -> false;
        };
    }

    private static String base(String declaredType) {
        return declaredType
                .toUpperCase(Locale.ROOT)
                .replace(" ZEROFILL", "")
                .replace(" UNSIGNED", "")
                .trim();
    }

    private static LakeType decimal(int precision, int scale) {
        int p = precision > 0 ? precision : 10;
        int s = Math.max(scale, 0);
        return p > LakeType.MAX_DECIMAL_PRECISION ? LakeType.STRING : LakeType.decimal(p, s);
    }
}

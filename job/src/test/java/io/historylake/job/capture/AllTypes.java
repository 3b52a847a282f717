package io.historylake.job.capture;

import io.historylake.job.testing.ColumnCheck;
import java.util.List;
import java.util.stream.Collectors;

/** A table with every MySQL type the lake maps, and edge values for each. */
final class AllTypes {

    static final String DB = "types_db";
    static final String TABLE = "all_types";

    static final List<ColumnCheck> COLUMNS =
            List.of(
                    ColumnCheck.text("id", "INT NOT NULL PRIMARY KEY"),
                    ColumnCheck.text("ti", "TINYINT"),
                    ColumnCheck.text("ti_u", "TINYINT UNSIGNED"),
                    ColumnCheck.text("flag", "TINYINT(1)"),
                    ColumnCheck.text("si", "SMALLINT"),
                    ColumnCheck.text("si_u", "SMALLINT UNSIGNED"),
                    ColumnCheck.text("mi", "MEDIUMINT"),
                    ColumnCheck.text("mi_u", "MEDIUMINT UNSIGNED"),
                    ColumnCheck.text("i", "INT"),
                    ColumnCheck.text("i_u", "INT UNSIGNED"),
                    ColumnCheck.text("bi", "BIGINT"),
                    ColumnCheck.text("bi_u", "BIGINT UNSIGNED"),
                    ColumnCheck.text("d10", "DECIMAL(10,2)"),
                    ColumnCheck.text("d38", "DECIMAL(38,10)"),
                    ColumnCheck.text("d65", "DECIMAL(65,30)"),
                    ColumnCheck.number("f", "FLOAT"),
                    ColumnCheck.number("dbl", "DOUBLE"),
                    ColumnCheck.of(
                            "bit1",
                            "BIT(1)",
                            "CAST({c} AS UNSIGNED)",
                            "CAST(CAST({c} AS INTEGER) AS VARCHAR)"),
                    ColumnCheck.of("bit10", "BIT(10)", "LPAD(HEX({c}), 4, '0')", "hex({c})"),
                    ColumnCheck.text("ch", "CHAR(10)"),
                    ColumnCheck.text("vc", "VARCHAR(100)"),
                    ColumnCheck.text("txt", "TEXT"),
                    ColumnCheck.text("en", "ENUM('small','medium','large')"),
                    ColumnCheck.of(
                            "st",
                            "SET('a','b','c')",
                            "CAST({c} AS CHAR)",
                            "CASE WHEN len({c}) = 0 THEN '' ELSE array_to_string({c}, ',') END"),
                    ColumnCheck.of("bn", "BINARY(4)", "HEX({c})", "hex({c})"),
                    ColumnCheck.of("vb", "VARBINARY(20)", "HEX({c})", "hex({c})"),
                    ColumnCheck.of("bl", "LONGBLOB", "MD5({c})", "md5({c})"),
                    ColumnCheck.of(
                            "dte",
                            "DATE",
                            "NULLIF(DATE_FORMAT({c}, '%Y-%m-%d'), '0000-00-00')",
                            "strftime({c}, '%Y-%m-%d')"),
                    ColumnCheck.of(
                            "dtm",
                            "DATETIME(6)",
                            "DATE_FORMAT({c}, '%Y-%m-%d %H:%i:%s.%f')",
                            "strftime({c} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f')"),
                    ColumnCheck.of(
                            "dtm0",
                            "DATETIME",
                            "DATE_FORMAT({c}, '%Y-%m-%d %H:%i:%s')",
                            "strftime({c} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S')"),
                    ColumnCheck.of(
                            "ts",
                            "TIMESTAMP(6) NULL",
                            "DATE_FORMAT({c}, '%Y-%m-%d %H:%i:%s.%f')",
                            "strftime({c} AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%f')"),
                    time("tm", "TIME(6)"),
                    time("tm0", "TIME"),
                    time("tm1", "TIME(1)"),
                    time("tm3", "TIME(3)"),
                    ColumnCheck.text("yr", "YEAR"),
                    ColumnCheck.text("js", "JSON"),
                    ColumnCheck.of("geo", "POINT", "HEX(ST_AsWKB({c}))", "hex({c})"));

    /** TIME values next to zero and to -1 h, where a sign taken from the hours goes wrong. */
    private static final List<String> TIMES =
            List.of("-00:00:00.000001", "-00:00:01", "-00:59:59.999999", "-01:00:00", "00:00:00");

    /** DATETIME(6), DATETIME, TIMESTAMP(6) values next to a second boundary, Feb 29, the epoch. */
    private static final List<String> DATETIMES =
            List.of(
                    "'2024-02-29 23:59:59.999999', '2024-02-29 23:59:59', '2024-02-29 23:59:59.999999'",
                    "'2000-02-29 00:00:00.000000', '2000-02-29 00:00:00', '2000-02-29 00:00:00.000001'",
                    "'1969-12-31 23:59:59.999999', '1900-02-28 23:59:59', '1970-01-01 00:00:01.999999'",
                    "'2023-12-31 23:59:59.999999', '2024-03-01 00:00:00', '2037-12-31 23:59:59.999999'",
                    "'1000-01-01 00:00:00.999999', '1999-12-31 23:59:59', '2024-02-28 23:59:59.999999'");

    private AllTypes() {}

    private static ColumnCheck time(String name, String ddl) {
        return ColumnCheck.of(
                name,
                ddl,
                "CAST(ROUND(TIME_TO_SEC({c}) * 1000000) AS SIGNED)",
                "CAST({c} AS VARCHAR)");
    }

    /**
     * One row per boundary value from {@code firstId} on: each TIME value in TIME, TIME(1), TIME(3)
     * and TIME(6), with date-time values next to a boundary.
     */
    static List<String> boundaryRows(int firstId) {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < TIMES.size(); i++) {
            String t = "'" + TIMES.get(i) + "'";
            rows.add(
                    "INSERT INTO "
                            + DB
                            + "."
                            + TABLE
                            + " (id, tm0, tm1, tm3, tm, dtm, dtm0, ts) VALUES ("
                            + (firstId + i)
                            + ", "
                            + String.join(", ", t, t, t, t)
                            + ", "
                            + DATETIMES.get(i)
                            + ")");
        }
        return rows;
    }

    static String createTable() {
        return "CREATE TABLE "
                + DB
                + "."
                + TABLE
                + " ("
                + COLUMNS.stream()
                        .map(c -> "`" + c.name() + "` " + c.ddl())
                        .collect(Collectors.joining(", "))
                + ")";
    }

    /** Rows present before the job starts: minimum values, maximum values, all NULL. */
    static List<String> snapshotRows() {
        List<String> rows = new java.util.ArrayList<>(fixedSnapshotRows());
        rows.addAll(boundaryRows(SNAPSHOT_BOUNDARY_ID));
        return rows;
    }

    /** The first id of the boundary rows present before the job starts. */
    static final int SNAPSHOT_BOUNDARY_ID = 30;

    private static List<String> fixedSnapshotRows() {
        return List.of(
                insert(
                        1,
                        "-128, 0, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,"
                                + " -99999999.99, -9999999999999999999999999999.9999999999,"
                                + " -99999999999999999999999999999999999.999999999999999999999999999999,"
                                + " -3.5, -1.7976931348623157E308, b'0', b'0000000000', '', '', '', 'small', '',"
                                + " 0x00000000, X'', X'', '1000-01-01', '1000-01-01 00:00:00.000000',"
                                + " '1000-01-01 00:00:00', '1970-01-01 00:00:01.000000', '-838:59:59.000000', '-838:59:59', '-838:59:59.0', '-838:59:59.000',"
                                + " 1901, '{}', ST_GeomFromText('POINT(0 0)')"),
                insert(
                        2,
                        "127, 255, 1, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
                                + " 9223372036854775807, 18446744073709551615, 99999999.99,"
                                + " 9999999999999999999999999999.9999999999,"
                                + " 99999999999999999999999999999999999.999999999999999999999999999999,"
                                + " 1e10, 1.7976931348623157E308, b'1', b'1111111111', 'abc', '😀 héllo 日本',"
                                + " REPEAT('x', 5000), 'large', 'a,b,c', 0xFFFFFFFF, 0x00FF10,"
                                + " REPEAT(UNHEX('00FF7F80'), 262144), '9999-12-31', '9999-12-31 23:59:59.999999',"
                                + " '9999-12-31 23:59:59', '2038-01-19 03:14:07.999999', '838:59:59.000000', '838:59:59', '838:59:59.0', '838:59:59.000', 2155,"
                                + " '{\"a\": [1, 2.5, \"x\"], \"b\": null}', ST_GeomFromText('POINT(-122.5 37.75)')"),
                "INSERT INTO " + DB + "." + TABLE + " (id) VALUES (3)",
                insert(
                        4,
                        "5, 7, 5, 1, 2, 3, 4, 5, 6, 7, 8, 0.01, 0.0000000001, 0.000000000000000000000000000001,"
                                + " 0.25, 3.141592653589793, b'1', b'1000000001', 'ab', 'tab\\tquote''s',"
                                + " 'multi\\nline', 'medium', 'a,c', 0x01020304, 0xDEADBEEF, 0xCAFE, '0000-00-00',"
                                + " '2024-02-29 12:34:56.000001', '2024-02-29 12:34:56', '2024-06-30 23:59:59.500000',"
                                + " '-00:00:00.000001', '-00:00:00', '-00:00:00.1', '-00:00:00.500', 2024, '[1,2,3]', ST_GeomFromText('POINT(1 2)')"));
    }

    /** Binlog changes: inserts, updates of every kind of column, a multi-row statement, deletes. */
    static List<String> binlogChanges() {
        List<String> changes = new java.util.ArrayList<>(boundaryRows(40));
        changes.addAll(fixedBinlogChanges());
        return changes;
    }

    private static List<String> fixedBinlogChanges() {
        return List.of(
                insert(
                        10,
                        "1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1.10, 1.1, 1.1, 1.5, 1.5, b'1', b'0000000011',"
                                + " 'x', 'y', 'z', 'small', 'b', 0x0A0B0C0D, 0x01, 0x02, '2000-01-01',"
                                + " '2000-01-01 00:00:00.100000', '2000-01-01 00:00:01', '2000-01-01 00:00:00.000001',"
                                + " '00:00:00.000001', '-00:00:01', '-01:00:00.9', '-00:00:01.500', 2000, '{\"k\": 1}', ST_GeomFromText('POINT(3 4)')"),
                "INSERT INTO "
                        + DB
                        + "."
                        + TABLE
                        + " (id, vc, bi_u, d65) VALUES"
                        + " (11, 'multi-1', 1, 1.5), (12, 'multi-2', 2, 2.5), (13, 'multi-3', 3, 3.5)",
                "UPDATE "
                        + DB
                        + "."
                        + TABLE
                        + " SET vc = 'updated 🚀', d38 = -0.0000000001, dtm ="
                        + " '1999-12-31 23:59:59.999999', st = 'b,c', bl = REPEAT(UNHEX('01'), 1048576),"
                        + " bit10 = b'0101010101', tm = '-12:30:00.250000' WHERE id = 2",
                "UPDATE "
                        + DB
                        + "."
                        + TABLE
                        + " SET ti = ti + 1, flag = 9 WHERE id IN (10, 11, 12)",
                "UPDATE "
                        + DB
                        + "."
                        + TABLE
                        + " SET dte = '0000-00-00', en = NULL, js = NULL WHERE id = 1",
                "DELETE FROM " + DB + "." + TABLE + " WHERE id = 13",
                "DELETE FROM " + DB + "." + TABLE + " WHERE id = 3",
                "SET time_zone = '+05:30'",
                "INSERT INTO "
                        + DB
                        + "."
                        + TABLE
                        + " (id, ts, dtm) VALUES"
                        + " (20, '2024-03-10 08:00:00.123456', '2024-03-10 08:00:00.123456')",
                "UPDATE "
                        + DB
                        + "."
                        + TABLE
                        + " SET ts = '2001-01-01 05:30:00.000000' WHERE id = 4",
                "SET time_zone = '+00:00'");
    }

    private static String insert(int id, String values) {
        return "INSERT INTO "
                + DB
                + "."
                + TABLE
                + " ("
                + COLUMNS.stream().map(c -> "`" + c.name() + "`").collect(Collectors.joining(", "))
                + ") VALUES ("
                + id
                + ", "
                + values
                + ")";
    }
}

package io.historylake.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's data, generated deterministically in the server from a seed (CRC32 of seed and
 * row number, no RAND): a 12-column table, a 60-column table, a bulk binlog workload of multi-row
 * statements (60% inserts, 30% updates, 10% deletes) and single-row autocommit transactions.
 */
final class Workloads {

    static final String DB = "bench";
    private static final int BATCH = 1000;

    private final Db db;
    private final int seed;

    Workloads(Db db, int seed) {
        this.db = db;
        this.seed = seed;
    }

    /**
     * The 12-column table: ints, DECIMAL, ENUM, VARCHAR, DATETIME(3), TIMESTAMP(3), JSON, DOUBLE.
     */
    static String narrowColumns() {
        return "id BIGINT PRIMARY KEY, i INT, u INT UNSIGNED, amount DECIMAL(12,2),"
                + " status ENUM('new','paid','shipped','cancelled'), name VARCHAR(64),"
                + " created DATETIME(3), updated TIMESTAMP(3) NULL, payload JSON, score DOUBLE,"
                + " qty SMALLINT, flag TINYINT(1)";
    }

    /** Values of the narrow table for sequence {@code s}, a pure function of seed and s. */
    String narrowValues(String s) {
        String h = "CAST(CRC32(CONCAT(" + seed + ", '-', " + s + ")) AS SIGNED)";
        return s
                + ", "
                + h
                + " % 2000000 - 1000000, "
                + h
                + ", ("
                + h
                + " % 10000000) / 100, ELT(1 + "
                + h
                + " % 4, 'new','paid','shipped','cancelled'), CONCAT('customer-', "
                + h
                + " % 99991), TIMESTAMP('2024-01-01') + INTERVAL ("
                + h
                + " % 31536000000) * 1000 MICROSECOND, FROM_UNIXTIME(1700000000 + "
                + h
                + " % 30000000 + 0.123), JSON_OBJECT('k', "
                + h
                + " % 100, 'tag', CONCAT('t', "
                + s
                + " % 7)), "
                + h
                + " / 7.0, "
                + h
                + " % 30000, "
                + h
                + " % 2";
    }

    void createDatabase() throws SQLException {
        db.execute("DROP DATABASE IF EXISTS " + DB, "CREATE DATABASE " + DB);
    }

    /** A 12-column table filled with {@code rows} rows. */
    void narrowTable(String table, long rows) throws SQLException {
        emptyTable(table);
        fill(table, 1, rows);
    }

    /** A 60-column table (id and 59 columns cycling five types) filled with {@code rows} rows. */
    void wideTable(String table, long rows) throws SQLException {
        String[] types = {"INT", "VARCHAR(32)", "DECIMAL(10,2)", "DATETIME(3)", "DOUBLE"};
        StringBuilder columns = new StringBuilder("id BIGINT PRIMARY KEY");
        StringBuilder values = new StringBuilder("seq");
        for (int c = 1; c < 60; c++) {
            String type = types[c % types.length];
            columns.append(", c").append(c).append(' ').append(type);
            String h = "CRC32(CONCAT(" + seed + ", '-', seq, '-', " + c + "))";
            values.append(", ")
                    .append(
                            switch (type) {
                                case "INT" -> h + " % 1000000";
                                case "VARCHAR(32)" -> "CONCAT('v', " + h + ")";
                                case "DECIMAL(10,2)" -> "(" + h + " % 100000000) / 100";
                                case "DATETIME(3)" ->
                                        "TIMESTAMP('2024-01-01') + INTERVAL " + h + " MICROSECOND";
                                default -> h + " / 3.0";
                            });
        }
        db.execute("CREATE TABLE " + DB + "." + table + " (" + columns + ")");
        for (long from = 1; from <= rows; from += 50_000) {
            long to = Math.min(rows, from + 49_999);
            db.execute(
                    "INSERT INTO "
                            + DB
                            + "."
                            + table
                            + " SELECT "
                            + values
                            + " FROM "
                            + DB
                            + ".seq_"
                            + from
                            + "_to_"
                            + to);
        }
    }

    /**
     * {@code events} row events on a fresh 12-column table in statements of 1000 rows: per ten
     * statements six inserts, three updates, one delete. Returns the row events per op.
     */
    long[] bulk(String table, long events) throws SQLException {
        emptyTable(table);
        return mix(table, events, BATCH);
    }

    /** A table with the 12 columns and no rows. */
    void emptyTable(String table) throws SQLException {
        db.execute("CREATE TABLE " + DB + "." + table + " (" + narrowColumns() + ")");
    }

    /** Drops a table. */
    void drop(String table) throws SQLException {
        db.execute("DROP TABLE " + DB + "." + table);
    }

    /** The same mix, one row per autocommit statement. */
    long[] smallTransactions(String table, long events) throws SQLException {
        emptyTable(table);
        return mix(table, events, 1);
    }

    private long[] mix(String table, long events, int perStatement) throws SQLException {
        String t = DB + "." + table;
        long[] ops = new long[3]; // inserted, updated, deleted
        long lo = 1; // live ids are lo..hi
        long hi = 0;
        long cursor = 1; // next id to update
        List<String> batch = new ArrayList<>();
        for (long step = 0; ops[0] + ops[1] + ops[2] < events; step++) {
            long n = Math.min(perStatement, events - ops[0] - ops[1] - ops[2]);
            int kind = (int) (step % 10);
            if (kind < 6 || hi - lo + 1 < 2 * n) {
                batch.add(insert(t, hi + 1, hi + n));
                hi += n;
                ops[0] += n;
            } else if (kind < 9) {
                cursor = cursor < lo || cursor + n - 1 > hi ? lo : cursor;
                batch.add(
                        "UPDATE "
                                + t
                                + " SET qty = qty + 1, amount = amount + 1.5, status = 'paid'"
                                + range(cursor, cursor + n - 1));
                cursor += n;
                ops[1] += n;
            } else {
                batch.add("DELETE FROM " + t + range(lo, lo + n - 1));
                lo += n;
                ops[2] += n;
            }
            if (batch.size() >= 200) {
                db.execute(batch.toArray(new String[0]));
                batch.clear();
            }
        }
        db.execute(batch.toArray(new String[0]));
        return ops;
    }

    private void fill(String table, long from, long rows) throws SQLException {
        for (long start = from; start <= rows; start += 100_000) {
            long end = Math.min(rows, start + 99_999);
            db.execute(insert(DB + "." + table, start, end));
        }
    }

    private String insert(String table, long from, long to) {
        return "INSERT INTO "
                + table
                + " SELECT "
                + narrowValues("seq")
                + " FROM "
                + DB
                + ".seq_"
                + from
                + "_to_"
                + to;
    }

    private static String range(long from, long to) {
        return " WHERE id BETWEEN " + from + " AND " + to;
    }
}

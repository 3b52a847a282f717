package io.historylake.job.faults;

import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import java.util.List;

/**
 * The fault tests' tables {@code (id INT PRIMARY KEY, n INT, note VARCHAR(40))} in one database:
 * created with seed rows, counted in the lake, and checked against MySQL at the end.
 */
public record CounterTables(String database, List<String> tables, int seedRows) {

    /** Creates the database and the tables, each with ids 1..seedRows. */
    public static CounterTables create(
            LocalMariaDb mysql, String database, List<String> names, int seedRows)
            throws Exception {
        mysql.execute("CREATE DATABASE " + database);
        for (String name : names) {
            mysql.execute(
                    "CREATE TABLE "
                            + database
                            + "."
                            + name
                            + " (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                    "INSERT INTO "
                            + database
                            + "."
                            + name
                            + " SELECT seq, 0, 'seed' FROM "
                            + database
                            + ".seq_1_to_"
                            + seedRows);
        }
        return new CounterTables(
                database, names.stream().map(n -> database + "." + n).toList(), seedRows);
    }

    /** Lake rows of all the tables matching {@code where}. */
    public long rows(Lake lake, String where) throws Exception {
        long total = 0;
        for (String table : tables) {
            total += lake.count("SELECT count(*) FROM " + view(table) + " WHERE " + where);
        }
        return total;
    }

    /** Each table once in the snapshot, no event id twice, and the state equal to MySQL's. */
    public void assertLakeMatches(LocalMariaDb mysql, Lake lake) throws Exception {
        for (String table : tables) {
            org.assertj.core.api.Assertions.assertThat(
                            lake.count("SELECT count(*) FROM " + view(table) + " WHERE _op = 'r'"))
                    .as("snapshot rows of %s, exactly once", table)
                    .isEqualTo(seedRows);
        }
        assertStateMatches(mysql, lake, LakeAssertions.BINLOG_ORDER);
    }

    /**
     * No event id twice, and the state rebuilt from the lake with the latest change per key first
     * in {@code order} equal to MySQL's (after a re-snapshot: {@link
     * LakeAssertions#EVENT_TIME_ORDER}).
     */
    public void assertStateMatches(LocalMariaDb mysql, Lake lake, String order) throws Exception {
        for (String table : tables) {
            LakeAssertions.assertNoDuplicateEventIds(lake, view(table));
            LakeAssertions.assertStateEquals(
                    mysql,
                    lake,
                    database,
                    table.substring(table.indexOf('.') + 1),
                    "id",
                    ColumnCheck.counterTable(),
                    order);
        }
    }

    private static String view(String table) {
        return table.replace('.', '_');
    }
}

package io.historylake.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Assertions that compare the lake with MySQL ground truth. */
public final class LakeAssertions {

    /** The latest change of a key: the highest binlog position (snapshot reads before any). */
    public static final String BINLOG_ORDER =
            "coalesce(_binlog_file, '') DESC, coalesce(_binlog_pos, -1) DESC,"
                    + " coalesce(_row_in_event, -1) DESC, _op = 'd' ASC";

    /**
     * The same across a re-snapshot (the recovery after a purged binlog): the latest {@code
     * _event_time} first, so that a later snapshot read supersedes older binlog rows.
     */
    public static final String EVENT_TIME_ORDER = "_event_time DESC, " + BINLOG_ORDER;

    private LakeAssertions() {}

    /**
     * The state rebuilt from the lake (last change per primary key, deletes removed) equals {@code
     * SELECT *} from MySQL, value by value.
     */
    public static void assertStateEquals(
            LocalMariaDb mysql,
            Lake lake,
            String db,
            String table,
            String pk,
            List<ColumnCheck> columns)
            throws Exception {
        assertStateEquals(mysql, lake, db, table, pk, columns, BINLOG_ORDER);
    }

    /** The same, with the latest change of a key chosen by {@code order}. */
    public static void assertStateEquals(
            LocalMariaDb mysql,
            Lake lake,
            String db,
            String table,
            String pk,
            List<ColumnCheck> columns,
            String order)
            throws Exception {
        String mysqlSql =
                "SELECT "
                        + columns.stream().map(ColumnCheck::mysql).collect(Collectors.joining(", "))
                        + " FROM `"
                        + db
                        + "`.`"
                        + table
                        + "` ORDER BY `"
                        + pk
                        + "`";
        List<List<String>> expected = new ArrayList<>();
        try (Connection c = mysql.root();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(mysqlSql)) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(rs.getString(i));
                }
                expected.add(row);
            }
        }
        String duckSql =
                "SELECT "
                        + columns.stream().map(ColumnCheck::duck).collect(Collectors.joining(", "))
                        + " FROM (SELECT * FROM \""
                        + db
                        + "_"
                        + table
                        + "\""
                        + " QUALIFY row_number() OVER (PARTITION BY \""
                        + pk
                        + "\" ORDER BY "
                        + order
                        + ") = 1)"
                        + " WHERE _op <> 'd' ORDER BY \""
                        + pk
                        + "\"";
        List<List<String>> actual = lake.rows(duckSql);
        assertThat(actual)
                .as("rows of %s.%s rebuilt from the lake", db, table)
                .hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                ColumnCheck column = columns.get(c);
                String want = expected.get(r).get(c);
                String got = actual.get(r).get(c);
                String where =
                        db
                                + "."
                                + table
                                + " row "
                                + expected.get(r).get(0)
                                + " column "
                                + column.name();
                if (column.numeric() && want != null && got != null) {
                    assertThat(Double.parseDouble(got))
                            .as(where)
                            .isEqualTo(Double.parseDouble(want));
                } else {
                    assertThat(abbreviate(got)).as(where).isEqualTo(abbreviate(want));
                }
            }
        }
    }

    /** Counts of binlog changes in the lake per table and op, like {@link BinlogTruth#count}. */
    public static Map<String, Map<String, Long>> binlogCounts(Lake lake, List<String> tables)
            throws Exception {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        List<String> landed =
                io.historylake.job.query.LakeViews.tables(lake.root()).stream()
                        .map(t -> t.qualified())
                        .toList();
        for (String table : tables) {
            if (!landed.contains(table)) {
                continue;
            }
            for (List<String> row :
                    lake.rows(
                            "SELECT _op, count(*) FROM \""
                                    + table.replace('.', '_')
                                    + "\" WHERE _op <> 'r' GROUP BY _op")) {
                counts.computeIfAbsent(table, k -> new TreeMap<>())
                        .put(row.get(0), Long.parseLong(row.get(1)));
            }
        }
        return counts;
    }

    /** Binlog change counts summed over the lake and its quarantine. */
    public static Map<String, Map<String, Long>> binlogCountsWithQuarantine(
            Lake lake, List<String> tables) throws Exception {
        Lake quarantine = new Lake(lake.root().resolve("_quarantine"));
        return BinlogTruth.sum(
                tables, binlogCounts(lake, tables), binlogCounts(quarantine, tables));
    }

    /** Asserts that no two lake rows of the table share an {@code _event_id}. */
    public static void assertNoDuplicateEventIds(Lake lake, String view) throws Exception {
        assertThat(
                        lake.rows(
                                "SELECT _event_id, count(*) FROM \""
                                        + view
                                        + "\" GROUP BY _event_id HAVING count(*) > 1 LIMIT 5"))
                .as("duplicate _event_id in %s", view)
                .isEmpty();
    }

    private static String abbreviate(String value) {
        return value == null || value.length() < 200
                ? value
                : value.substring(0, 100)
                        + "...("
                        + value.length()
                        + " chars, hash "
                        + value.hashCode()
                        + ")";
    }
}

package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * End to end on a real MariaDB: every type with edge values, rows present before the job (snapshot)
 * and changes after it (binlog), including a multi-row statement, a transaction over two tables and
 * a table without a primary key. The lake must equal MySQL and hold every binlog row event exactly
 * once.
 */
class CaptureEndToEndITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final String DB = AllTypes.DB;
    private static final List<ColumnCheck> ORDER_COLUMNS =
            List.of(
                    ColumnCheck.text("id", "INT NOT NULL PRIMARY KEY"),
                    ColumnCheck.text("customer", "VARCHAR(40)"),
                    ColumnCheck.text("total", "DECIMAL(12,2)"));
    private static final List<ColumnCheck> ITEM_COLUMNS =
            List.of(
                    ColumnCheck.text("id", "INT NOT NULL PRIMARY KEY"),
                    ColumnCheck.text("order_id", "INT"),
                    ColumnCheck.text("sku", "VARCHAR(20)"),
                    ColumnCheck.text("qty", "INT"));

    @TempDir Path work;

    /** Both captures: the native one (the default on MariaDB) and Flink CDC's (MySQL's). */
    @ParameterizedTest(name = "capture {0}")
    @ValueSource(strings = {"native", "flink-cdc"})
    void lakeEqualsMySqlValueByValueAndHoldsEveryBinlogRowEventExactlyOnce(String capture)
            throws Exception {
        MYSQL.execute(
                "DROP DATABASE IF EXISTS " + DB,
                "CREATE DATABASE " + DB,
                AllTypes.createTable(),
                "CREATE TABLE "
                        + DB
                        + ".orders (id INT NOT NULL PRIMARY KEY, customer VARCHAR(40), total DECIMAL(12,2))",
                "CREATE TABLE "
                        + DB
                        + ".order_items (id INT NOT NULL PRIMARY KEY, order_id INT, sku VARCHAR(20), qty INT)",
                "CREATE TABLE " + DB + ".audit_log (seq INT NOT NULL, note VARCHAR(50))",
                "INSERT INTO " + DB + ".orders VALUES (1, 'ada', 10.00)",
                "INSERT INTO " + DB + ".order_items VALUES (100, 1, 'seed', 1)",
                "INSERT INTO " + DB + ".audit_log VALUES (1, 'first'), (2, 'second')");
        MYSQL.execute(AllTypes.snapshotRows().toArray(new String[0]));
        long snapshotRows = AllTypes.snapshotRows().size() + 1 + 1 + 2;

        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL,
                                work,
                                DB,
                                "--parallelism",
                                "2",
                                "--mysql.snapshot.chunk-size",
                                "2",
                                "--mysql.chunk-key-columns",
                                DB + ".audit_log=seq",
                                "--capture",
                                capture));
        Lake lake = new Lake(work.resolve("lake"));
        List<String> tables =
                List.of(DB + ".all_types", DB + ".orders", DB + ".order_items", DB + ".audit_log");
        Await.until(
                Duration.ofMinutes(3),
                () -> snapshotCount(lake) == snapshotRows,
                () -> "snapshot rows in lake: " + safeSnapshotCount(lake));

        String from = MYSQL.masterPosition();
        MYSQL.execute(AllTypes.binlogChanges().toArray(new String[0]));
        MYSQL.transaction(
                List.of(
                        "INSERT INTO " + DB + ".orders VALUES (2, 'grace', 0)",
                        "INSERT INTO "
                                + DB
                                + ".order_items VALUES (1, 2, 'sku-1', 2), (2, 2, 'sku-2', 1)",
                        "UPDATE " + DB + ".orders SET total = 42.50 WHERE id = 2",
                        "DELETE FROM " + DB + ".orders WHERE id = 1"));
        MYSQL.execute(
                "INSERT INTO " + DB + ".audit_log VALUES (3, 'third')",
                "DELETE FROM " + DB + ".audit_log WHERE seq = 1");
        String to = MYSQL.masterPosition();
        Map<String, Map<String, Long>> truth = BinlogTruth.count(MYSQL, from, to);
        long expected = BinlogTruth.total(truth);
        assertThat(expected).as("binlog row events in the workload").isGreaterThanOrEqualTo(20);

        Await.until(
                Duration.ofMinutes(3),
                () -> binlogTotal(lake, tables) == expected,
                () -> "lake " + safeCounts(lake, tables) + " vs binlog " + truth);
        job.cancel().get();

        assertThat(LakeAssertions.binlogCounts(lake, tables)).isEqualTo(truth);
        for (String table : tables) {
            LakeAssertions.assertNoDuplicateEventIds(lake, table.replace('.', '_'));
        }
        LakeAssertions.assertStateEquals(MYSQL, lake, DB, "all_types", "id", AllTypes.COLUMNS);
        LakeAssertions.assertStateEquals(MYSQL, lake, DB, "orders", "id", ORDER_COLUMNS);
        LakeAssertions.assertStateEquals(MYSQL, lake, DB, "order_items", "id", ITEM_COLUMNS);
        assertThat(
                        lake.rows(
                                "SELECT seq, _op FROM types_db_audit_log WHERE _op <> 'r' ORDER BY seq"))
                .containsExactly(List.of("1", "d"), List.of("3", "c"));
        assertThat(lake.rows("SELECT DISTINCT _schema_version FROM types_db_all_types"))
                .containsExactly(List.of("1"));

        String log = Files.readString(Path.of("target/test.log"));
        assertThat(log).as("the job's log").contains("Preflight passed for history_lake@");
        assertThat(log).as("the job's log").doesNotContain(MYSQL.cdcUser().password());
    }

    private static long snapshotCount(Lake lake) throws Exception {
        long total = 0;
        for (String view :
                List.of(
                        "types_db_all_types",
                        "types_db_orders",
                        "types_db_order_items",
                        "types_db_audit_log")) {
            total += lake.count("SELECT count(*) FROM " + view + " WHERE _op = 'r'");
        }
        return total;
    }

    private static long binlogTotal(Lake lake, List<String> tables) throws Exception {
        return BinlogTruth.total(LakeAssertions.binlogCounts(lake, tables));
    }

    private static String safeSnapshotCount(Lake lake) {
        try {
            return Long.toString(snapshotCount(lake));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String safeCounts(Lake lake, List<String> tables) {
        try {
            return LakeAssertions.binlogCounts(lake, tables).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}

package io.historylake.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job down while its binlog is purged: the restart from its checkpoint fails at once (no
 * restart loop) with a message that names the missing position and the recovery; the documented
 * recovery (a new snapshot into the same lake from a new checkpoint directory) leaves the lake
 * correct. Beside a small table whose every row is asserted, three counter tables carry 60k
 * snapshot rows, 25k binlog changes before the outage, 5k lost in it and 20k after the recovery.
 */
class PurgedBinlogITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    /** Seed rows of each counter table. */
    private static final int ROWS = 20_000;

    @TempDir Path work;

    private static java.util.List<String> binaryLogs() throws Exception {
        java.util.List<String> logs = new java.util.ArrayList<>();
        try (var c = MYSQL.root();
                var s = c.createStatement();
                var rs = s.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                logs.add(rs.getString(1));
            }
        }
        return logs;
    }

    @Test
    void resumingFromAPurgedBinlogFailsNamingTheRecoveryWhichThenLeavesTheLakeCorrect()
            throws Exception {
        CounterTables db =
                CounterTables.create(
                        MYSQL, "purged", List.of("orders", "payments", "events"), ROWS);
        MYSQL.execute(
                "CREATE TABLE purged.items (id INT PRIMARY KEY, v INT)",
                "INSERT INTO purged.items VALUES (1, 1)");
        Lake lake = new Lake(work.resolve("lake"));
        JobClient first = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "purged"));
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        lake.count("SELECT count(*) FROM purged_items WHERE _op = 'r'") == 1
                                && db.rows(lake, "_op = 'r'") == 3L * ROWS,
                () -> "waiting for the first snapshot: " + TestJobs.describe(first));
        String from = MYSQL.masterPosition();
        MYSQL.execute("INSERT INTO purged.items VALUES (2, 2)");
        try (PacedWriter writer = new PacedWriter(MYSQL, db.tables(), ROWS, 25_000, 300)) {
            writer.awaitDone();
        }
        Map<String, Map<String, Long>> beforeOutage =
                BinlogTruth.sum(
                        db.tables(), BinlogTruth.count(MYSQL, from, MYSQL.masterPosition()));
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        lake.count("SELECT count(*) FROM purged_items") == 2
                                && LakeAssertions.binlogCounts(lake, db.tables())
                                        .equals(beforeOutage),
                () -> "waiting for the binlog rows: " + TestJobs.describe(first));
        first.cancel().get();
        Path checkpoint = TestJobs.latestCheckpoint(work).orElseThrow();
        String resumeFrom = MYSQL.masterPosition().split(":")[0];

        MYSQL.execute("INSERT INTO purged.items VALUES (3, 3)");
        try (PacedWriter lost = new PacedWriter(MYSQL, db.tables(), ROWS, 2 * ROWS, 5_000, 300)) {
            lost.awaitDone();
        }
        MYSQL.execute("FLUSH BINARY LOGS", "FLUSH BINARY LOGS");
        String current = MYSQL.masterPosition().split(":")[0];
        // The server keeps a log that a replica connection still reads: purge until it is gone.
        Await.until(
                Duration.ofMinutes(1),
                () -> {
                    MYSQL.execute("PURGE BINARY LOGS TO '" + current + "'");
                    return !binaryLogs().contains(resumeFrom);
                },
                () -> "waiting for " + resumeFrom + " to be purged");

        JobClient second =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL, work, "purged", "--restore", checkpoint.toString()));
        Await.until(
                Duration.ofMinutes(2),
                () -> second.getJobStatus().get().isGloballyTerminalState(),
                () -> "waiting for the restart to fail: " + TestJobs.describe(second));
        StringBuilder failure = new StringBuilder();
        try {
            second.getJobExecutionResult().get();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                failure.append(t.getMessage()).append('\n');
            }
        }
        assertThat(second.getJobStatus().get()).isEqualTo(JobStatus.FAILED);
        assertThat(failure.toString())
                .contains("The binlog position " + resumeFrom + ":")
                .contains("is no longer on the MySQL server")
                .contains("--startup initial and a new --checkpoint.dir");

        recoverWithANewSnapshot(lake, db, beforeOutage);
    }

    /**
     * The README's recovery: {@code --startup initial --snapshot.new true}, recorded in the lake;
     * the counter tables' binlog changes before the outage were {@code beforeOutage}.
     */
    private void recoverWithANewSnapshot(
            Lake lake, CounterTables db, Map<String, Map<String, Long>> beforeOutage)
            throws Exception {
        JobClient recovery =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL,
                                work,
                                "purged",
                                "--startup",
                                "initial",
                                "--snapshot.new",
                                "true"));
        long resnapshot = 0;
        for (String table : db.tables()) {
            resnapshot += MYSQL.count("SELECT count(*) FROM " + table);
        }
        long snapshotRows = 3L * ROWS + resnapshot;
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        lake.count("SELECT count(*) FROM purged_items WHERE _op = 'r'") == 1 + 3
                                && db.rows(lake, "_op = 'r'") == snapshotRows,
                () -> "waiting for the re-snapshot: " + TestJobs.describe(recovery));
        String from = MYSQL.masterPosition();
        MYSQL.execute(
                "INSERT INTO purged.items VALUES (4, 4)",
                "UPDATE purged.items SET v = 20 WHERE id = 2",
                "DELETE FROM purged.items WHERE id = 1");
        try (PacedWriter writer =
                new PacedWriter(MYSQL, db.tables(), ROWS, 3 * ROWS, 20_000, 300)) {
            writer.awaitDone();
        }
        Map<String, Map<String, Long>> landed =
                BinlogTruth.sum(
                        db.tables(),
                        beforeOutage,
                        BinlogTruth.count(MYSQL, from, MYSQL.masterPosition()));
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        lake.count("SELECT count(*) FROM purged_items WHERE _op <> 'r'") == 4
                                && LakeAssertions.binlogCounts(lake, db.tables()).equals(landed),
                () ->
                        "waiting for the binlog after the re-snapshot, "
                                + landed
                                + ": "
                                + TestJobs.describe(recovery));
        recovery.cancel().get();

        assertThat(
                        lake.rows(
                                "SELECT count(*), string_agg(id::VARCHAR, ',' ORDER BY id)"
                                        + " FROM purged_items WHERE _op = 'r'"
                                        + " GROUP BY _event_time ORDER BY _event_time"))
                .as("two snapshots, each at its own time: the first, and the re-snapshot")
                .containsExactly(List.of("1", "1"), List.of("3", "1,2,3"));
        assertThat(
                        lake.rows(
                                "SELECT _op, id FROM purged_items WHERE _op <> 'r' ORDER BY _event_id"))
                .as(
                        "binlog rows: before the purge and after the recovery, the lost insert of 3 not")
                .containsExactlyInAnyOrder(
                        List.of("c", "2"), List.of("c", "4"), List.of("u", "2"), List.of("d", "1"));
        LakeAssertions.assertNoDuplicateEventIds(lake, "purged_items");
        List<String> records = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(lake.root().resolve("_snapshots"))) {
            for (Path file : files.toList()) {
                records.add(java.nio.file.Files.readString(file));
            }
        }
        assertThat(records)
                .as("the new snapshot, recorded in the lake")
                .singleElement()
                .asString()
                .contains("\"reason\": \"--snapshot.new true\"")
                .contains("\"purged.items\"");
        LakeAssertions.assertStateEquals(
                MYSQL,
                lake,
                "purged",
                "items",
                "id",
                List.of(ColumnCheck.number("id", "INT"), ColumnCheck.number("v", "INT")),
                LakeAssertions.EVENT_TIME_ORDER);
        db.assertStateMatches(MYSQL, lake, LakeAssertions.EVENT_TIME_ORDER);
    }
}

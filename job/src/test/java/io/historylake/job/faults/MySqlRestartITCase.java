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
 * The MySQL server stopped and started again (same port, same data, a new binlog file) while the
 * job reads its binlog: the job reconnects and resumes from its position, without a new snapshot,
 * and every change lands exactly once.
 */
class MySqlRestartITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final int ROWS = 5_000;
    private static final List<String> TABLES = List.of("restarts.a", "restarts.b");
    private static final List<ColumnCheck> COLUMNS = ColumnCheck.counterTable();

    @TempDir Path work;

    @Test
    void aMySqlServerRestartUnderTheJobIsRidden() throws Exception {
        MYSQL.execute("CREATE DATABASE restarts");
        for (String table : TABLES) {
            MYSQL.execute(
                    "CREATE TABLE " + table + " (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                    "INSERT INTO "
                            + table
                            + " SELECT seq, 0, 'seed' FROM restarts.seq_1_to_"
                            + ROWS);
        }
        Lake lake = new Lake(work.resolve("lake"));
        JobClient job = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "restarts"));
        Await.until(
                Duration.ofMinutes(2),
                () -> rows(lake, "_op = 'r'") == 2L * ROWS,
                () -> "waiting for the snapshot: " + TestJobs.describe(job));

        String from = MYSQL.masterPosition();
        try (PacedWriter before = new PacedWriter(MYSQL, TABLES, ROWS, 2_000, 200)) {
            before.awaitDone();
        }
        Await.until(
                Duration.ofMinutes(1),
                () -> rows(lake, "_op <> 'r'") > 0,
                () -> "waiting for binlog rows: " + TestJobs.describe(job));

        MYSQL.stopKeepingData();
        MYSQL.restart();
        try (PacedWriter after = new PacedWriter(MYSQL, TABLES, ROWS, 2 * ROWS, 2_000, 200)) {
            after.awaitDone();
        }
        Map<String, Map<String, Long>> truth =
                BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
        Await.until(
                Duration.ofMinutes(3),
                () -> LakeAssertions.binlogCounts(lake, TABLES).equals(truth),
                () -> "lake vs binlog " + truth + ": " + TestJobs.describe(job));
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();

        assertThat(rows(lake, "_op = 'r'")).as("no second snapshot").isEqualTo(2L * ROWS);
        for (String table : TABLES) {
            String name = table.substring(table.indexOf('.') + 1);
            LakeAssertions.assertNoDuplicateEventIds(lake, "restarts_" + name);
            LakeAssertions.assertStateEquals(MYSQL, lake, "restarts", name, "id", COLUMNS);
        }
    }

    private static long rows(Lake lake, String where) throws Exception {
        long total = 0;
        for (String table : TABLES) {
            total +=
                    lake.count(
                            "SELECT count(*) FROM " + table.replace('.', '_') + " WHERE " + where);
        }
        return total;
    }
}

package io.historylake.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job down while its binlog is purged: the restart from its checkpoint fails at once (no
 * restart loop) with a message that names the missing position and the recovery.
 */
class PurgedBinlogITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

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
    void resumingFromAPurgedBinlogPositionFailsNamingThePositionAndTheRecovery() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE purged",
                "CREATE TABLE purged.items (id INT PRIMARY KEY, v INT)",
                "INSERT INTO purged.items VALUES (1, 1)");
        Lake lake = new Lake(work.resolve("lake"));
        JobClient first = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "purged"));
        MYSQL.execute("INSERT INTO purged.items VALUES (2, 2)");
        Await.until(
                Duration.ofMinutes(2),
                () -> lake.count("SELECT count(*) FROM purged_items") == 2,
                () -> "waiting for the snapshot and a binlog row: " + TestJobs.describe(first));
        first.cancel().get();
        Path checkpoint = TestJobs.latestCheckpoint(work).orElseThrow();
        String resumeFrom = MYSQL.masterPosition().split(":")[0];

        MYSQL.execute(
                "INSERT INTO purged.items VALUES (3, 3)", "FLUSH BINARY LOGS", "FLUSH BINARY LOGS");
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
    }
}

package io.historylake.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.LocalS3;
import io.historylake.job.testing.S3Mirror;
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
 * and every change lands exactly once in the S3 lake.
 */
class MySqlRestartITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();
    @RegisterExtension static final LocalS3 S3 = new LocalS3();

    /** Rows per table: 3 x 20k snapshot rows and 45k binlog changes, 105k changes in all. */
    private static final int ROWS = 20_000;

    @TempDir Path work;

    @Test
    void aMySqlServerRestartUnderTheJobIsRidden() throws Exception {
        CounterTables db = CounterTables.create(MYSQL, "restarts", List.of("a", "b", "c"), ROWS);
        String lakeUri = "s3://" + S3.bucket() + "/restarts-lake";
        S3Mirror lake = S3.mirror(lakeUri, work.resolve("mirror"));
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL, work, "restarts", S3.jobEnv(), S3.jobArgs(lakeUri)));
        Await.until(
                Duration.ofMinutes(2),
                () -> db.rows(lake.lake(), "_op = 'r'") == 3L * ROWS,
                () -> "waiting for the snapshot: " + TestJobs.describe(job));

        String from = MYSQL.masterPosition();
        try (PacedWriter before = new PacedWriter(MYSQL, db.tables(), ROWS, 20_000, 300)) {
            before.awaitDone();
        }
        Await.until(
                Duration.ofMinutes(1),
                () -> db.rows(lake.lake(), "_op <> 'r'") > 0,
                () -> "waiting for binlog rows: " + TestJobs.describe(job));

        MYSQL.stopKeepingData();
        MYSQL.restart();
        try (PacedWriter after = new PacedWriter(MYSQL, db.tables(), ROWS, 2 * ROWS, 25_000, 300)) {
            after.awaitDone();
        }
        Map<String, Map<String, Long>> truth =
                BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
        Await.until(
                Duration.ofMinutes(3),
                () -> LakeAssertions.binlogCounts(lake.lake(), db.tables()).equals(truth),
                () -> "lake vs binlog " + truth + ": " + TestJobs.describe(job));
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();

        assertThat(db.rows(lake.lake(), "_op = 'r'")).as("no second snapshot").isEqualTo(3L * ROWS);
        db.assertLakeMatches(MYSQL, lake.lake());
    }
}

package io.historylake.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.LocalS3;
import io.historylake.job.testing.S3Mirror;
import io.historylake.job.testing.SessionCluster;
import io.historylake.job.testing.SessionClusters;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop-with-savepoint while writes go on, then the job jar submitted again (as a new build would
 * be) from that savepoint: every stateful operator has a fixed uid, so state and positions carry
 * over and no change is lost or landed twice in the S3 lake.
 */
class SavepointUpgradeClusterIT {

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();
    @RegisterExtension static final LocalS3 S3 = new LocalS3();

    /** Rows per table: 3 x 20k snapshot rows and 45k binlog changes, 105k changes in all. */
    private static final int ROWS = 20_000;

    @TempDir Path work;

    @Test
    void aJobStoppedWithASavepointAndStartedAgainFromItLosesAndDuplicatesNothing()
            throws Exception {
        CounterTables db =
                CounterTables.create(
                        MYSQL, "upgrade", List.of("accounts", "orders", "ledger"), ROWS);
        String lakeUri = "s3://" + S3.bucket() + "/upgrade-lake";
        S3Mirror lake = S3.mirror(lakeUri, work.resolve("mirror"));
        try (SessionCluster cluster = SessionClusters.forJob(work, MYSQL, S3)) {
            cluster.startTaskManager();
            String job =
                    cluster.submit(TestJobs.args(MYSQL, work, "upgrade", "--lake.path", lakeUri));
            Await.until(
                    Duration.ofMinutes(2),
                    () -> db.rows(lake.lake(), "_op = 'r'") == 3L * ROWS,
                    () -> "waiting for the snapshot: " + cluster.describe(job));

            String from = MYSQL.masterPosition();
            try (PacedWriter writer = new PacedWriter(MYSQL, db.tables(), ROWS, 45_000, 300)) {
                Await.until(
                        Duration.ofMinutes(1),
                        () -> db.rows(lake.lake(), "_op <> 'r'") >= 1_000,
                        () -> "waiting for binlog rows: " + cluster.describe(job));
                String savepoint = cluster.stopWithSavepoint(job, work.resolve("savepoints"));
                assertThat(writer.isDone()).as("stopped while writes go on").isFalse();
                assertThat(cluster.jobState(job)).isEqualTo("FINISHED");

                // The jar uploaded again, as a new build is, and started from the savepoint.
                String resumed =
                        cluster.submit(
                                TestJobs.args(
                                        MYSQL,
                                        work,
                                        "upgrade",
                                        "--lake.path",
                                        lakeUri,
                                        "--restore",
                                        savepoint));
                writer.awaitDone();
                Map<String, Map<String, Long>> truth =
                        BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
                Await.until(
                        Duration.ofMinutes(3),
                        () -> LakeAssertions.binlogCounts(lake.lake(), db.tables()).equals(truth),
                        () -> "lake vs binlog " + truth + ": " + cluster.describe(resumed));
                cluster.cancel(resumed);
            }
        }
        assertThat(db.rows(lake.lake(), "_op = 'r'")).as("no second snapshot").isEqualTo(3L * ROWS);
        db.assertLakeMatches(MYSQL, lake.lake());
    }
}

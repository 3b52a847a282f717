package io.historylake.job.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.HoldingProxy;
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
 * The TaskManager process killed with SIGKILL, three times in one run: during the snapshot, during
 * the binlog phase, and between a checkpoint's barrier and its commit. The job runs on a session
 * cluster of real processes, submitted through the REST API, and lands in S3 (s3proxy, through the
 * S3 plugin and its recoverable writer); after each kill a new TaskManager joins. The lake, read
 * back through the S3 API, ends up holding every change exactly once and the state MySQL holds.
 */
class TaskManagerKillClusterIT {

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();
    @RegisterExtension static final LocalS3 S3 = new LocalS3();

    private static final int ROWS = 20_000;

    @TempDir Path work;

    @Test
    void killingTheTaskManagerInSnapshotBinlogAndCheckpointLosesAndDuplicatesNothing()
            throws Exception {
        CounterTables db =
                CounterTables.create(
                        MYSQL, "faults", List.of("orders", "payments", "events"), ROWS);
        String lakeUri = "s3://" + S3.bucket() + "/faults-lake";
        S3Mirror lake = S3.mirror(lakeUri, work.resolve("mirror"));
        try (HoldingProxy s3 = new HoldingProxy(S3.endpoint());
                SessionCluster cluster = SessionClusters.forJob(work, MYSQL, S3, s3.endpoint())) {
            Process tm = cluster.startTaskManager();
            Await.until(
                    Duration.ofMinutes(1),
                    () -> cluster.taskManagerCount() == 1,
                    () -> "waiting for a TaskManager");
            String job =
                    cluster.submit(
                            TestJobs.args(
                                    MYSQL,
                                    work,
                                    "faults",
                                    "--mysql.snapshot.chunk-size",
                                    "1000",
                                    "--lake.path",
                                    lakeUri));

            // 1. During the snapshot.
            Await.until(
                    Duration.ofMinutes(2),
                    () -> db.rows(lake.lake(), "_op = 'r'") >= 3_000,
                    () -> "waiting for snapshot rows: " + cluster.describe(job));
            killAndAwaitFailover(cluster, job, tm);
            assertThat(db.rows(lake.lake(), "_op = 'r'"))
                    .as("killed during the snapshot")
                    .isLessThan(3L * ROWS);
            tm = cluster.startTaskManager();
            Await.until(
                    Duration.ofMinutes(3),
                    () -> db.rows(lake.lake(), "_op = 'r'") == 3L * ROWS,
                    () -> "waiting for the whole snapshot: " + cluster.describe(job));

            // 2. During the binlog phase, while writes go on.
            String from = MYSQL.masterPosition();
            try (PacedWriter writer = new PacedWriter(MYSQL, db.tables(), ROWS, 45_000, 300)) {
                Await.until(
                        Duration.ofMinutes(2),
                        () -> db.rows(lake.lake(), "_op <> 'r'") >= 3_000,
                        () -> "waiting for binlog rows: " + cluster.describe(job));
                killAndAwaitFailover(cluster, job, tm);
                assertThat(writer.isDone()).as("killed while writes go on").isFalse();
                tm = cluster.startTaskManager();

                // 3. Between a checkpoint's barrier and its commit: once the job runs on the new
                // TaskManager (a checkpoint completed after it joined), hold its S3 requests, so
                // the next checkpoint waits on the sink's upload of its part files, and kill the
                // TaskManager while that checkpoint is in flight.
                int before = cluster.checkpointsCompleted(job);
                Await.until(
                        Duration.ofMinutes(2),
                        () -> cluster.checkpointsCompleted(job) > before,
                        () -> "waiting for the job to run again: " + cluster.describe(job));
                s3.hold();
                Await.until(
                        Duration.ofMinutes(1),
                        () -> s3.waiting() > 0 && cluster.checkpointsInProgress(job) > 0,
                        () -> "waiting for a checkpoint held on S3: " + cluster.describe(job));
                killAndAwaitFailover(cluster, job, tm);
                s3.release();
                cluster.startTaskManager();
                writer.awaitDone();
            }
            Map<String, Map<String, Long>> truth =
                    BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
            assertThat(BinlogTruth.total(truth)).isGreaterThanOrEqualTo(45_000);
            Await.until(
                    Duration.ofMinutes(4),
                    () -> LakeAssertions.binlogCounts(lake.lake(), db.tables()).equals(truth),
                    () -> "lake vs binlog " + truth + ": " + cluster.describe(job));
            assertThat(lostTaskManagers(cluster, job))
                    .as("each kill failed the job over once")
                    .hasSize(3);
            cluster.cancel(job);
            assertThat(LocalS3.list(lakeUri))
                    .filteredOn(k -> k.contains("/faults-lake/faults/"))
                    .allMatch(k -> k.endsWith(".parquet"), "only committed Parquet objects");
            assertThat(cluster.logText()).doesNotContain(S3.secretKey());
        }
        db.assertLakeMatches(MYSQL, lake.lake());
    }

    /** Kills the TaskManager and waits until the job has failed over because of it. */
    private static void killAndAwaitFailover(SessionCluster cluster, String job, Process tm)
            throws Exception {
        int failures = lostTaskManagers(cluster, job).size();
        SessionCluster.kill(tm);
        Await.until(
                Duration.ofMinutes(1),
                () -> lostTaskManagers(cluster, job).size() > failures,
                () -> "waiting for the job to fail over after the kill: " + cluster.describe(job));
    }

    /** The TaskManagers whose loss failed the job, from the job's exception history. */
    private static java.util.Set<String> lostTaskManagers(SessionCluster cluster, String job)
            throws Exception {
        String failures = cluster.get("/jobs/" + job + "/exceptions?maxExceptions=20");
        java.util.Set<String> lost = new java.util.TreeSet<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("TaskManager with id (\\S+) is no longer reachable")
                        .matcher(failures);
        while (m.find()) {
            lost.add(m.group(1));
        }
        return lost;
    }
}

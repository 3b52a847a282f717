package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.SteadyWriter;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job is stopped in the middle of the binlog while writes go on, then resumed from its last
 * retained checkpoint: the lake still holds every change exactly once, no gap, no duplicate.
 */
class RestartITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final List<ColumnCheck> COLUMNS = ColumnCheck.counterTable();

    @TempDir Path work;

    @Test
    void aJobStoppedMidBinlogAndResumedFromItsLastCheckpointLandsEveryChangeExactlyOnce()
            throws Exception {
        MYSQL.execute(
                "CREATE DATABASE restart",
                "CREATE TABLE restart.counters (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                "INSERT INTO restart.counters SELECT seq, 0, 'seed' FROM restart.seq_1_to_200");
        Lake lake = new Lake(work.resolve("lake"));
        JobClient first = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "restart"));
        lake.awaitRows("restart_counters", 200, "the snapshot");

        String from = MYSQL.masterPosition();
        try (SteadyWriter writer = new SteadyWriter(MYSQL, "restart.counters", 200, 4000, 7)) {
            Await.until(
                    Duration.ofMinutes(2),
                    () ->
                            lake.count("SELECT count(*) FROM restart_counters WHERE _op <> 'r'")
                                    >= 300,
                    () -> "waiting for binlog rows before the stop");
            first.cancel().get();
            Path checkpoint = TestJobs.latestCheckpoint(work).orElseThrow();
            long landedBeforeRestart =
                    lake.count("SELECT count(*) FROM restart_counters WHERE _op <> 'r'");

            JobClient second =
                    HistoryLakeMain.start(
                            TestJobs.options(
                                    MYSQL, work, "restart", "--restore", checkpoint.toString()));
            writer.awaitDone();
            String to = MYSQL.masterPosition();
            Map<String, Map<String, Long>> truth = BinlogTruth.count(MYSQL, from, to);
            assertThat(BinlogTruth.total(truth)).isGreaterThan(landedBeforeRestart);
            Await.until(
                    Duration.ofMinutes(3),
                    () ->
                            LakeAssertions.binlogCounts(lake, List.of("restart.counters"))
                                    .equals(truth),
                    () -> "lake vs binlog " + truth);
            second.cancel().get();

            assertThat(LakeAssertions.binlogCounts(lake, List.of("restart.counters")))
                    .isEqualTo(truth);
        }
        LakeAssertions.assertNoDuplicateEventIds(lake, "restart_counters");
        assertThat(lake.count("SELECT count(*) FROM restart_counters WHERE _op = 'r'"))
                .isEqualTo(200);
        LakeAssertions.assertStateEquals(MYSQL, lake, "restart", "counters", "id", COLUMNS);
    }
}

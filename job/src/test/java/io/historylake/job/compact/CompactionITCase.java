package io.historylake.job.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.faults.CounterTables;
import io.historylake.job.faults.PacedWriter;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import io.historylake.model.TableId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction of a lake that more than 200 checkpoints filled with small files: the files become
 * files near the target size, per partition and schema version, and every query answers the same
 * before, during (the compaction process killed at each of its steps) and after.
 */
class CompactionITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final int ROWS = 2_000;
    private static final long TARGET = 48 * 1024;

    @TempDir static Path work;
    private static CounterTables db;
    private static Map<String, List<List<String>>> before;

    @BeforeAll
    static void twoHundredCheckpointsFillTheLakeWithSmallFiles() throws Exception {
        db = CounterTables.create(MYSQL, "compaction", List.of("a", "b"), ROWS);
        Lake lake = new Lake(work.resolve("lake"));
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL, work, "compaction", "--checkpoint.interval", "100ms"));
        Await.until(
                Duration.ofMinutes(2),
                () -> db.rows(lake, "_op = 'r'") == 2L * ROWS,
                () -> "waiting for the snapshot: " + TestJobs.describe(job));
        String from = MYSQL.masterPosition();
        try (PacedWriter writer = new PacedWriter(MYSQL, db.tables(), ROWS, 1_000_000, 100)) {
            Await.until(
                    Duration.ofMinutes(5),
                    () -> LakeSnapshot.fewestFiles(lake, db) >= 200,
                    () -> "waiting for 200 files per table: " + LakeSnapshot.fewestFiles(lake, db));
        }
        Map<String, Map<String, Long>> truth =
                BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
        Await.until(
                Duration.ofMinutes(2),
                () -> LakeAssertions.binlogCounts(lake, db.tables()).equals(truth),
                () ->
                        "lake "
                                + LakeSnapshot.binlogCounts(lake, db)
                                + " vs binlog "
                                + truth
                                + ": "
                                + TestJobs.describe(job));
        job.cancel().get();
        db.assertLakeMatches(MYSQL, lake);
        before = LakeSnapshot.contents(lake, db);
        LakeSnapshot.copy(lake.root(), work.resolve("lake-to-kill"));
    }

    @Test
    void smallFilesBecomeFilesNearTheTargetSizeAndQueriesAnswerTheSame() throws Exception {
        Lake lake = new Lake(work.resolve("lake"));
        org.apache.flink.core.fs.Path root = LakeSnapshot.flinkPath(lake);
        Compactor.Result first =
                new Compactor(
                                root,
                                new Compactor.Settings(TARGET, Duration.ZERO, Duration.ofHours(1)),
                                Clock.systemUTC())
                        .run(List.of());

        assertThat(first.inputs()).isGreaterThanOrEqualTo(400);
        assertThat(first.deleted()).as("replaced files stay for the grace period").isZero();
        assertThat(LakeSnapshot.contents(lake, db)).isEqualTo(before);
        CompactionLog.State log = CompactionLog.read(root);
        for (CompactionLog.Commit commit : log.commits()) {
            List<String> outputs = commit.outputs();
            assertThat(outputs).as("files written by %s", commit.id()).hasSizeGreaterThan(1);
            for (String output : outputs.subList(0, outputs.size() - 1)) {
                assertThat(LakeSnapshot.size(root, output))
                        .as("%s of a group of %d files", output, commit.inputs().size())
                        .isBetween(TARGET * 3 / 4, TARGET * 3 / 2);
            }
            assertThat(commit.inputs()).allMatch(input -> input.contains("/dt="));
        }
        for (String table : db.tables()) {
            assertThat((long) LakeFiles.visible(root, TableId.parse(table), log).size())
                    .as("files of %s after compaction", table)
                    .isLessThanOrEqualTo(LakeSnapshot.expectedFiles(root, table, TARGET));
        }

        Compactor.Result second =
                new Compactor(
                                root,
                                new Compactor.Settings(TARGET, Duration.ZERO, Duration.ZERO),
                                Clock.systemUTC())
                        .run(List.of());
        assertThat(second.commits()).as("nothing left to merge").isZero();
        assertThat(second.deleted()).isEqualTo(first.inputs());
        assertThat(LakeSnapshot.contents(lake, db)).isEqualTo(before);
        LakeSnapshot.assertOnlyVisibleFilesRemain(root, db);
    }

    @Test
    void aCompactionKilledAfterAnyStepLeavesEveryRowVisibleExactlyOnce() throws Exception {
        Lake lake = new Lake(work.resolve("lake-to-kill"));
        org.apache.flink.core.fs.Path root = LakeSnapshot.flinkPath(lake);
        assertThat(LakeSnapshot.contents(lake, db)).isEqualTo(before);
        for (String step : List.of("written 2", "committed 1", "deleted 3")) {
            String[] at = step.split(" ");
            KilledCompaction.runUntil(lake.root(), TARGET, at[0], Integer.parseInt(at[1]));
            assertThat(LakeSnapshot.contents(lake, db))
                    .as("rows after a kill -9 once %s", step)
                    .isEqualTo(before);
        }
        Compactor.Result last =
                new Compactor(
                                root,
                                new Compactor.Settings(TARGET, Duration.ZERO, Duration.ZERO),
                                Clock.systemUTC())
                        .run(List.of());
        assertThat(last.deleted()).as("abandoned outputs and replaced inputs").isPositive();
        assertThat(LakeSnapshot.contents(lake, db)).isEqualTo(before);
        LakeSnapshot.assertOnlyVisibleFilesRemain(root, db);
    }
}

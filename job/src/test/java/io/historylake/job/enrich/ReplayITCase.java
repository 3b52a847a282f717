package io.historylake.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.SteadyWriter;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A re-run from a checkpoint taken mid-stream (RocksDB, incremental checkpoints) yields the same
 * event ids, row versions and attribution as the first run, and no id twice.
 */
class ReplayITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(keepEveryCheckpoint())
                            .build());

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final String FACTS =
            "SELECT _event_id, _row_version, _op, _schema_version, coalesce(_user_id, '-'),"
                    + " array_to_string(_changed_columns, ','), _event_time, n, note";

    @TempDir Path work;

    private static Set<Path> parquetFiles(Path lake) throws Exception {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .collect(Collectors.toSet());
        }
    }

    private static Set<Path> newFiles(Path lake, Set<Path> before) throws Exception {
        Set<Path> now = new TreeSet<>(parquetFiles(lake));
        now.removeAll(before);
        return now;
    }

    private static long count(Set<Path> files) throws Exception {
        return files.isEmpty() ? 0 : Long.parseLong(query("SELECT count(*)", files).get(0).get(0));
    }

    /** Facts of the rows in the files; only binlog rows unless snapshot reads are asked for. */
    private static List<List<String>> facts(Set<Path> files, boolean withSnapshot)
            throws Exception {
        return query(FACTS + (withSnapshot ? "" : " WHERE _op <> 'r'"), files);
    }

    private static List<List<String>> query(String select, Set<Path> files) throws Exception {
        String source =
                files.stream()
                        .map(p -> "'" + p + "'")
                        .collect(
                                Collectors.joining(
                                        ", ", " FROM read_parquet([", "], union_by_name = true)"));
        int where = select.indexOf(" WHERE ");
        String sql =
                where < 0
                        ? select + source
                        : select.substring(0, where) + source + select.substring(where);
        return new Lake(Path.of("/nonexistent")).rows(sql);
    }

    /** Checkpoint retention is the cluster's setting; keep them all to replay from one. */
    private static Configuration keepEveryCheckpoint() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1000);
        return conf;
    }

    @Test
    void reRunningFromAMidStreamCheckpointYieldsTheSameIdsAndVersions() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE replay",
                "CREATE TABLE replay.counters (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                "INSERT INTO replay.counters SELECT seq, 0, 'seed' FROM replay.seq_1_to_50");
        Lake first = new Lake(work.resolve("lake"));
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(MYSQL, work, "replay", "--state.backend", "rocksdb"));
        Await.until(
                Duration.ofMinutes(2),
                () -> first.count("SELECT count(*) FROM replay_counters") == 50,
                () -> "waiting for the snapshot");

        String from = MYSQL.masterPosition();
        try (SteadyWriter batchA = new SteadyWriter(MYSQL, "replay.counters", 50, 400, 11)) {
            batchA.awaitDone();
        }
        long afterA = BinlogTruth.total(BinlogTruth.count(MYSQL, from, MYSQL.masterPosition()));
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        first.count("SELECT count(*) FROM replay_counters WHERE _op <> 'r'")
                                == afterA,
                () -> "waiting for batch A");
        Path midStream = TestJobs.latestCheckpoint(work).orElseThrow();
        try (SteadyWriter batchB = new SteadyWriter(MYSQL, "replay.counters", 1000, 400, 12)) {
            batchB.awaitDone();
        }
        long total = BinlogTruth.total(BinlogTruth.count(MYSQL, from, MYSQL.masterPosition()));
        Await.until(
                Duration.ofMinutes(2),
                () -> first.count("SELECT count(*) FROM replay_counters WHERE _op <> 'r'") == total,
                () -> "waiting for batch B");
        job.cancel().get();
        LakeAssertions.assertNoDuplicateEventIds(first, "replay_counters");

        // The restored sink keeps writing to the lake its buckets were in: what the replay adds are
        // the files that were not there before it.
        Set<Path> before = parquetFiles(first.root());
        JobClient replay =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL,
                                work,
                                "replay",
                                "--state.backend",
                                "rocksdb",
                                "--restore",
                                midStream.toString()));
        long replayedBatchB = total - afterA;
        Await.until(
                Duration.ofMinutes(2),
                () -> count(newFiles(first.root(), before)) >= replayedBatchB,
                () -> "waiting for the replay of batch B; job " + TestJobs.describe(replay));
        replay.cancel().get();

        List<List<String>> replayed = facts(newFiles(first.root(), before), false);
        List<List<String>> original = facts(before, true);
        assertThat(replayed).hasSizeGreaterThanOrEqualTo((int) replayedBatchB);
        assertThat(original).containsAll(replayed);
        assertThat(replayed.stream().map(row -> row.get(0)).distinct().count())
                .as("distinct event ids among the replayed rows")
                .isEqualTo(replayed.size());
    }
}

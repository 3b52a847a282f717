package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Bounded runs ({@code --until}) end by themselves, at the stop position and not beyond. */
class BoundedRunITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void aBoundedRunCapturesTheBinlogUpToItsStartAndNotBeyond() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE bounded",
                "CREATE TABLE bounded.items (id INT PRIMARY KEY, v INT, note VARCHAR(20))");
        String from = MYSQL.masterPosition();
        MYSQL.execute(
                "INSERT INTO bounded.items VALUES (1, 10, NULL), (2, 20, NULL)",
                "UPDATE bounded.items SET v = 11 WHERE id = 1",
                "INSERT INTO bounded.items VALUES (3, 30, 'three')",
                "DELETE FROM bounded.items WHERE id = 2");
        String to = MYSQL.masterPosition();
        String[] start = from.split(":");

        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL,
                                work,
                                "bounded",
                                "--startup",
                                "specific-offset",
                                "--startup.binlog-file",
                                start[0],
                                "--startup.binlog-pos",
                                start[1],
                                "--checkpoint.interval",
                                "1h", // capped for bounded runs
                                "--until",
                                "now"));
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);
        MYSQL.execute("INSERT INTO bounded.items VALUES (4, 40, 'after the stop')");

        Lake lake = new Lake(work.resolve("lake"));
        Map<String, Map<String, Long>> truth = BinlogTruth.count(MYSQL, from, to);
        assertThat(LakeAssertions.binlogCounts(lake, List.of("bounded.items"))).isEqualTo(truth);
        assertThat(
                        lake.rows(
                                "SELECT id, _op, v FROM bounded_items"
                                        + " ORDER BY _binlog_pos, _row_in_event"))
                .containsExactly(
                        List.of("1", "c", "10"),
                        List.of("2", "c", "20"),
                        List.of("1", "u", "11"),
                        List.of("3", "c", "30"),
                        List.of("2", "d", "20"));
    }

    @Test
    void aBoundedRunOnAnIdleServerEndsAtItsStartPosition() throws Exception {
        MYSQL.execute("CREATE DATABASE idle", "CREATE TABLE idle.t (id INT PRIMARY KEY)");
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL, work, "idle", "--startup", "latest", "--until", "now"));
        assertThat(job.getJobExecutionResult().get(2, TimeUnit.MINUTES)).isNotNull();
    }
}

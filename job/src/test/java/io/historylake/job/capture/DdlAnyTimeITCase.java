package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * DDL at any time, with writes around it: during the snapshot (tables not read yet, or read in
 * part), between snapshot and binlog, while the job is down, and during the binlog. Every value in
 * the lake must equal MySQL's, the job must neither fail nor restart, and no event may land twice.
 * (The Flink CDC capture lands 9000000000 as 410065408 here: it converts the rows of a chunk with
 * the definition read when the table was split.)
 */
class DdlAnyTimeITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final String DB = "ddl_db";
    private static final int TABLES = 8;
    private static final int ROWS = 400;

    /** t0 is large, so that the DDL lands while it is read and before t1..t7 are. */
    private static final int BIG = 100_000;

    private static final List<ColumnCheck> COLUMNS =
            List.of(
                    ColumnCheck.text("id", "INT NOT NULL PRIMARY KEY"),
                    ColumnCheck.text("n", "INT"),
                    ColumnCheck.text("q", "INT"),
                    ColumnCheck.text("code", "VARCHAR(20)"),
                    ColumnCheck.text("cost", "DECIMAL(10,2)"));

    @TempDir Path work;

    @Test
    void everyValueMatchesMySqlWhateverTheMomentOfTheDdl() throws Exception {
        createTables();
        JobClient job = start();
        Lake lake = new Lake(work.resolve("lake"));
        // During the snapshot: the reader goes through t0..t7 in order, chunk by chunk; once the
        // first rows of t0 are in the lake, t0 is read in part and t1..t7 not at all.
        Await.until(
                Duration.ofMinutes(2),
                () -> lake.count("SELECT count(*) FROM ddl_db_t0") > 0,
                () -> "snapshot not started: " + TestJobs.describe(job));
        long t0ReadBefore = lake.count("SELECT count(*) FROM ddl_db_t0");
        MYSQL.execute(
                "ALTER TABLE " + t(0) + " MODIFY n BIGINT",
                "UPDATE " + t(0) + " SET n = 9000000005 WHERE id IN (3, " + (BIG - 3) + ")",
                "ALTER TABLE " + t(7) + " MODIFY n BIGINT",
                "UPDATE " + t(7) + " SET n = 9000000000 WHERE id = 5",
                "INSERT INTO " + t(7) + " VALUES (1000, 9000000001, 1, '1', 1.00, 'x')",
                "ALTER TABLE " + t(6) + " MODIFY q INT UNSIGNED",
                "UPDATE " + t(6) + " SET q = 4000000000 WHERE id = 6",
                "ALTER TABLE " + t(5) + " MODIFY code INT",
                "INSERT INTO " + t(5) + " VALUES (1000, 1, 1, 77, 1.00, 'x')",
                "ALTER TABLE " + t(4) + " DROP COLUMN note",
                "ALTER TABLE " + t(4) + " ADD COLUMN note DATE",
                "UPDATE " + t(4) + " SET note = '2024-02-29' WHERE id = 7",
                "ALTER TABLE " + t(3) + " MODIFY n BIGINT",
                "UPDATE " + t(3) + " SET n = -9000000000 WHERE id = " + (ROWS - 1),
                "ALTER TABLE " + t(2) + " RENAME COLUMN cost TO price",
                "UPDATE " + t(2) + " SET price = 12.34 WHERE id = 8");
        awaitSnapshot(lake, job);
        assertThat(t0ReadBefore).as("t0 rows landed before its DDL").isLessThan(BIG);
        // Between snapshot and binlog, and during the binlog.
        MYSQL.execute(
                "ALTER TABLE " + t(1) + " MODIFY n BIGINT",
                "UPDATE " + t(1) + " SET n = 9000000002 WHERE id = 9",
                "ALTER TABLE " + t(7) + " MODIFY n DECIMAL(20,0)",
                "UPDATE " + t(7) + " SET n = 12345678901234567890 WHERE id = 10");
        awaitEqual(lake, job, List.of(0, 1, 5, 6, 7));
        job.cancel().get();
        // While the job is down.
        MYSQL.execute(
                "ALTER TABLE " + t(0) + " MODIFY n DECIMAL(30,0), ADD COLUMN extra INT",
                "UPDATE " + t(0) + " SET n = 9000000003, extra = 5 WHERE id = 11",
                "INSERT INTO "
                        + t(0)
                        + " (id, n, q, code, cost, note) VALUES ("
                        + (BIG + 1)
                        + ", 9000000004, 2, '2', 2.00, 'y')");
        JobClient resumed = start();
        MYSQL.execute("UPDATE " + t(6) + " SET q = 4000000001 WHERE id = 12");
        awaitEqual(lake, resumed, List.of(0, 1, 3, 5, 6, 7));
        assertThat(
                        lake.rows(
                                "SELECT CAST(note AS VARCHAR) FROM ddl_db_t4 WHERE id = 7 ORDER BY _binlog_pos DESC NULLS LAST LIMIT 1"))
                .containsExactly(List.of("2024-02-29"));
        assertThat(
                        lake.rows(
                                "SELECT CAST(price AS VARCHAR) FROM ddl_db_t2 WHERE id = 8 AND price IS NOT NULL"))
                .containsExactly(List.of("12.34"));
        for (int i = 0; i < TABLES; i++) {
            LakeAssertions.assertNoDuplicateEventIds(lake, "ddl_db_t" + i);
        }
        assertThat(resumed.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        resumed.cancel().get();
    }

    private JobClient start() throws Exception {
        return HistoryLakeMain.start(
                TestJobs.options(
                        MYSQL,
                        work,
                        DB,
                        "--mysql.snapshot.chunk-size",
                        "100",
                        "--schema.policy",
                        "STRING",
                        "--parallelism",
                        "1"));
    }

    private static void createTables() throws Exception {
        List<String> statements = new ArrayList<>(List.of("CREATE DATABASE " + DB));
        for (int i = 0; i < TABLES; i++) {
            statements.add(
                    "CREATE TABLE "
                            + t(i)
                            + " (id INT NOT NULL PRIMARY KEY, n INT, q INT, code VARCHAR(20),"
                            + " cost DECIMAL(10,2), note VARCHAR(20))");
            statements.add(
                    "INSERT INTO "
                            + t(i)
                            + " SELECT seq, seq * 7, seq, CAST(seq AS CHAR), seq / 4, 'n' FROM"
                            + " "
                            + DB
                            + ".seq_1_to_"
                            + (i == 0 ? BIG : ROWS));
        }
        MYSQL.execute(statements.toArray(new String[0]));
    }

    private static void awaitSnapshot(Lake lake, JobClient job) throws Exception {
        Await.until(
                Duration.ofMinutes(3),
                () -> {
                    assertHealthy(job);
                    return lake.count("SELECT count(*) FROM ddl_db_t7 WHERE _op = 'r'") >= ROWS;
                },
                () -> "snapshot not complete: " + TestJobs.describe(job));
    }

    private static void awaitEqual(Lake lake, JobClient job, List<Integer> tables)
            throws Exception {
        Await.until(
                Duration.ofMinutes(3),
                () -> {
                    assertHealthy(job);
                    try {
                        for (int i : tables) {
                            LakeAssertions.assertStateEquals(
                                    MYSQL, lake, DB, "t" + i, "id", COLUMNS);
                        }
                        return true;
                    } catch (AssertionError | RuntimeException e) {
                        return false;
                    }
                },
                () ->
                        "lake differs from MySQL: "
                                + lastDifference(lake, tables)
                                + " "
                                + TestJobs.describe(job));
        for (int i : tables) {
            LakeAssertions.assertStateEquals(MYSQL, lake, DB, "t" + i, "id", COLUMNS);
        }
    }

    /** Neither failed nor restarting: a restart loop would hide behind an eventual success. */
    private static void assertHealthy(JobClient job) throws Exception {
        assertThat(job.getJobStatus().get())
                .as(TestJobs.describe(job))
                .isIn(JobStatus.CREATED, JobStatus.INITIALIZING, JobStatus.RUNNING);
    }

    private static String lastDifference(Lake lake, List<Integer> tables) {
        for (int i : tables) {
            try {
                LakeAssertions.assertStateEquals(MYSQL, lake, DB, "t" + i, "id", COLUMNS);
            } catch (AssertionError | Exception e) {
                return e.getMessage();
            }
        }
        return "none";
    }

    private static String t(int i) {
        return DB + ".t" + i;
    }
}

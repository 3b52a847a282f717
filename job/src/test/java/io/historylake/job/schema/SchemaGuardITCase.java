package io.historylake.job.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.admin.QuarantineRelease;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.RepoPaths;
import io.historylake.job.testing.TestJobs;
import io.historylake.model.TableId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema guard on real MariaDB, one table per case ({@link GuardCase}), DML before and after
 * each DDL, under each policy: the right verdict, and lake + quarantine holding every binlog row
 * event.
 */
class SchemaGuardITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void underQuarantineViolatingTablesWaitInQuarantineOthersFlowAndReleaseLandsEverything()
            throws Exception {
        GuardRun run = new GuardRun(MYSQL, work, "guard_q", GuardCase.ALL);
        JobClient job = run.start();
        Map<String, Map<String, Long>> truth = run.workload();
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        LakeAssertions.binlogCountsWithQuarantine(run.lake, run.tables())
                                .equals(truth),
                () -> "lake + quarantine vs binlog " + truth);

        for (GuardCase c : GuardCase.ALL) {
            String table = c.qualified("guard_q");
            int last = c.versions();
            if (c.violates()) {
                assertThat(run.quarantine(c).resolve("v" + last + ".verdict.txt"))
                        .content()
                        .contains("VIOLATION " + c.rule() + " on column")
                        .contains(c.lastDdl("guard_q"));
                assertThat(run.lakeCounts(table)).isNotEqualTo(truth.get(table));
            } else {
                assertThat(run.schemas(c).resolve("v2.avsc")).content().contains(c.rule().name());
                assertThat(run.quarantine(c)).doesNotExist();
                assertThat(run.lakeCounts(table)).isEqualTo(truth.get(table));
            }
        }

        // Released while the job runs: later rows of the table go to the lake directly.
        QuarantineRelease release = new QuarantineRelease(run.lakeUri());
        TableId retyped = TableId.parse("guard_q.int_to_varchar");
        assertThat(release.release(retyped).versions()).containsExactly(2);
        // The job looks for the release at most every few seconds: a row may still go to the
        // quarantine meanwhile (a second release moves it), so write until one lands in the lake.
        Lake quarantine = new Lake(run.lake.root().resolve("_quarantine"));
        AtomicInteger id = new AtomicInteger(5);
        MYSQL.execute("INSERT INTO guard_q.int_to_varchar (id, v) VALUES (5, 'after release')");
        Await.until(
                Duration.ofMinutes(1),
                () -> {
                    String sql = "SELECT count(*) FROM guard_q_int_to_varchar WHERE id = ";
                    if (quarantine.count(sql + id.get()) == 1) {
                        MYSQL.execute(
                                "INSERT INTO guard_q.int_to_varchar (id, v) VALUES ("
                                        + id.incrementAndGet()
                                        + ", 'after release')");
                    }
                    return run.lake.count(sql + id.get()) == 1;
                },
                () -> "waiting for a row after the release to land in the lake");
        job.cancel().get();

        for (TableId table : release.quarantinedTables()) {
            release.release(table);
        }
        Map<String, Map<String, Long>> after = run.truthSinceStart();
        assertThat(LakeAssertions.binlogCounts(run.lake, run.tables())).isEqualTo(after);
        assertThat(
                        LakeAssertions.binlogCounts(
                                new Lake(run.lake.root().resolve("_quarantine")), run.tables()))
                .isEmpty();
        for (GuardCase c : GuardCase.ALL) {
            String view = "guard_q_" + c.table();
            LakeAssertions.assertNoDuplicateEventIds(run.lake, view);
            for (int v = 1; v <= c.versions(); v++) {
                assertThat(run.schemas(c).resolve("v" + v + ".avsc")).exists();
                assertThat(run.athena(c).resolve("v" + v + ".sql")).exists();
            }
            assertThat(
                            run.lake.rows(
                                    "SELECT DISTINCT _schema_version FROM " + view + " ORDER BY 1"))
                    .as("versions of %s read together", view)
                    .hasSize(c.versions());
        }
    }

    @Test
    void underStringViolatedColumnsLandAsStringsInANewVersionWithTheVerdict() throws Exception {
        GuardRun run = new GuardRun(MYSQL, work, "guard_s", GuardCase.ALL);
        JobClient job = run.start("--schema.policy", "string");
        Map<String, Map<String, Long>> truth = run.workload();
        Await.until(
                Duration.ofMinutes(2),
                () -> LakeAssertions.binlogCounts(run.lake, run.tables()).equals(truth),
                () -> "lake vs binlog " + truth);
        job.cancel().get();

        for (GuardCase c : GuardCase.ALL) {
            int last = c.versions();
            assertThat(run.quarantine(c)).doesNotExist();
            assertThat(run.schemas(c).resolve("v" + last + ".avsc"))
                    .content()
                    .contains("history_lake.verdict")
                    .contains(c.rule().name());
        }
        assertThat(run.schemas(GuardCase.ALL.get(7)).resolve("v2.avsc"))
                .content()
                .contains("\"mysql.type\" : \"DECIMAL\"")
                .doesNotContain("\"logicalType\" : \"decimal\"");
        assertThat(
                        run.lake.rows(
                                "SELECT v FROM read_parquet('"
                                        + run.lake.root().resolve("guard_s/decimal_scale")
                                        + "/**/*.parquet', union_by_name = true) WHERE id = 3"))
                .as("a decimal(10,2) column would read 1.23")
                .containsExactly(List.of("1.2345"));
        assertThat(run.athena(GuardCase.ALL.get(7)).resolve("v2.sql"))
                .content()
                .startsWith("-- schema guard verdict:\n-- VIOLATION CHANGE_DECIMAL_SCALE");

        Process apply =
                new ProcessBuilder(
                                RepoPaths.root().resolve("deploy/athena/apply-ddl.sh").toString(),
                                "--lake",
                                run.lake.root().toString(),
                                "--table",
                                "guard_s.add_column",
                                "--dry-run")
                        .redirectErrorStream(true)
                        .start();
        String statements = new String(apply.getInputStream().readAllBytes());
        assertThat(apply.waitFor()).as(statements).isZero();
        assertThat(statements)
                .containsSubsequence(
                        "-- guard_s.add_column v1\nCREATE EXTERNAL TABLE IF NOT EXISTS"
                                + " `history_lake`.`guard_s_add_column_files`",
                        "'projection.enabled' = 'true'",
                        "-- guard_s.add_column v1\nCREATE EXTERNAL TABLE IF NOT EXISTS"
                                + " `history_lake`.`history_lake_compactions`",
                        "-- guard_s.add_column v1\nCREATE OR REPLACE VIEW"
                                + " \"history_lake\".\"guard_s_add_column\" AS",
                        "-- guard_s.add_column v2\nALTER TABLE"
                                + " `history_lake`.`guard_s_add_column_files`"
                                + " ADD COLUMNS (`note` string);",
                        "-- guard_s.add_column v2\nCREATE OR REPLACE VIEW",
                        "apply-ddl: 5 statements (dry run)");
    }

    @Test
    void underFailTheJobStopsWithTheVerdictAndARestartUnderQuarantineLosesNothing()
            throws Exception {
        List<GuardCase> cases = List.of(GuardCase.ALL.get(0), GuardCase.ALL.get(6));
        GuardRun run = new GuardRun(MYSQL, work, "guard_f", cases);
        JobClient job = run.start("--schema.policy.tables", "guard_f\\.int_.*=fail");
        Map<String, Map<String, Long>> truth = run.workload();
        Await.until(
                Duration.ofMinutes(2),
                () -> job.getJobStatus().get() == JobStatus.FAILED,
                () -> "waiting for the job to fail: " + TestJobs.describe(job));
        assertThat(TestJobs.describe(job))
                .contains("guard_f.int_to_varchar")
                .contains("CHANGE_TYPE on column 'v' (INT(11) -> VARCHAR(20))")
                .contains("--schema.policy.tables 'guard_f\\.int_to_varchar=quarantine'");
        assertThat(run.lake.count("SELECT count(*) FROM guard_f_int_to_varchar WHERE id = 3"))
                .as("rows after the DDL committed")
                .isZero();

        JobClient resumed =
                run.start(
                        "--restore",
                        TestJobs.latestCheckpoint(work).orElseThrow().toString(),
                        "--schema.policy.tables",
                        "guard_f\\.int_.*=quarantine");
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        LakeAssertions.binlogCountsWithQuarantine(run.lake, run.tables())
                                .equals(truth),
                () -> "lake + quarantine vs binlog " + truth + ": " + TestJobs.describe(resumed));
        resumed.cancel().get();
        LakeAssertions.assertNoDuplicateEventIds(run.lake, "guard_f_int_to_varchar");
    }
}

package io.historylake.job.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.Await;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.LocalRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local run as a user starts it shows where it is without any set-up: the job page's record
 * counters move, the snapshot's progress and the binlog lag are metrics of the REST API and of the
 * Prometheus endpoint, a bounded run ends with a summary, and a healthy run logs no warning.
 */
class ProgressClusterIT {

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final String SOURCE = "Source__MySQL_CDC.";
    private static final String ROUTE = "Route__lake_or_quarantine.";
    private static final int TABLES = 12;
    private static final int ROWS = 5_000;
    private static final int BURST = 200_000;
    private static final Pattern HELD_LINE =
            Pattern.compile("Snapshot: 11/12 tables, 55,000 of ~[\\d,]+ rows \\(\\d+ %\\)");

    @TempDir Path work;

    @Test
    void theSnapshotsProgressAndTheBinlogLagAreOnTheRestApiAndPrometheus() throws Exception {
        MYSQL.execute("CREATE DATABASE watch");
        for (int t = 1; t <= TABLES; t++) {
            MYSQL.execute(
                    String.format(
                            "CREATE TABLE watch.t%02d (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                            t),
                    String.format(
                            "INSERT INTO watch.t%02d SELECT seq, 0, 'seed' FROM watch.seq_1_to_%d",
                            t, ROWS));
        }
        long started = System.currentTimeMillis();
        // The last table (tables are read in name order) is locked: the snapshot stops before it.
        try (Connection lock = MYSQL.root();
                Statement s = lock.createStatement();
                LocalRun run = start("watch", "progress.log")) {
            s.execute("LOCK TABLES watch.t12 WRITE");
            String[] job = awaitJob(run);

            Map<String, Double> held =
                    awaitMetrics(
                            run,
                            job,
                            List.of(
                                    SOURCE + "snapshotTablesDone",
                                    SOURCE + "snapshotTablesTotal",
                                    SOURCE + "snapshotRowsRead",
                                    SOURCE + "snapshotRowsEstimate",
                                    SOURCE + "table.watch_t01.snapshotRowsRead",
                                    ROUTE + "table.watch_t01.op.snapshot.rowsLanded"),
                            m -> m.get(SOURCE + "snapshotTablesDone") == TABLES - 1,
                            "11 of 12 tables read");
            assertThat(held)
                    .containsEntry(SOURCE + "snapshotTablesTotal", (double) TABLES)
                    .containsEntry(SOURCE + "snapshotRowsRead", (double) (TABLES - 1) * ROWS)
                    .containsEntry(SOURCE + "table.watch_t01.snapshotRowsRead", (double) ROWS)
                    .containsEntry(ROUTE + "table.watch_t01.op.snapshot.rowsLanded", (double) ROWS);
            assertThat(held.get(SOURCE + "snapshotRowsEstimate")).isPositive();
            Await.until(
                    Duration.ofSeconds(30),
                    () ->
                            run.pageCounters(job).get("read-records").asLong()
                                            >= (TABLES - 1) * ROWS
                                    && run.pageCounters(job).get("write-records").asLong()
                                            >= (TABLES - 1) * ROWS,
                    () -> "the job page's counters during the snapshot: " + pageCounters(run, job));
            assertPrometheusHasEveryMetric(run.scrape());
            Await.until(
                    Duration.ofSeconds(30),
                    // The estimate is InnoDB's TABLE_ROWS: approximate.
                    () -> HELD_LINE.matcher(run.logText()).find(),
                    () -> "waiting for the progress line of the held snapshot");

            s.execute("UNLOCK TABLES");
            awaitMetrics(
                    run,
                    job,
                    List.of(SOURCE + "snapshotTablesDone"),
                    m -> m.get(SOURCE + "snapshotTablesDone") == TABLES,
                    "every table read");

            MYSQL.execute(
                    "CREATE TABLE watch.burst (id INT PRIMARY KEY, n INT)",
                    "INSERT INTO watch.burst SELECT seq, seq FROM watch.seq_1_to_" + BURST);
            double afterBurst =
                    awaitMetrics(
                                    run,
                                    job,
                                    List.of(
                                            ROUTE + "table.watch_burst.op.insert.rowsLanded",
                                            ROUTE + "secondsBehindSource"),
                                    m ->
                                            m.getOrDefault(
                                                            ROUTE
                                                                    + "table.watch_burst.op.insert.rowsLanded",
                                                            0.0)
                                                    == BURST,
                                    "the burst landed")
                            .get(ROUTE + "secondsBehindSource");
            MYSQL.execute("INSERT INTO watch.t02 VALUES (0, 0, 'one')");
            Map<String, Double> calm =
                    awaitMetrics(
                            run,
                            job,
                            List.of(
                                    ROUTE + "table.watch_t02.op.insert.rowsLanded",
                                    ROUTE + "secondsBehindSource",
                                    ROUTE + "lastCheckpointCompletedTime",
                                    SOURCE + "binlogBytesBehind"),
                            m ->
                                    m.getOrDefault(
                                                            ROUTE
                                                                    + "table.watch_t02.op.insert.rowsLanded",
                                                            0.0)
                                                    == 1
                                            && m.get(SOURCE + "binlogBytesBehind") >= 0,
                            "one insert after the burst");
            assertThat(afterBurst).as("lag at the end of the burst").isGreaterThanOrEqualTo(1.0);
            assertThat(calm.get(ROUTE + "secondsBehindSource"))
                    .as("lag of one insert after the burst")
                    .isLessThan(afterBurst);
            assertThat(calm.get(SOURCE + "binlogBytesBehind")).isLessThan(1_000_000);
            assertThat(calm.get(ROUTE + "lastCheckpointCompletedTime")).isGreaterThan(started);
            assertThat(run.logText()).contains("Snapshot read: 12 tables, 60,000 rows");
            assertThat(run.warnings()).as("warnings in a healthy run").isEmpty();
        }
    }

    @Test
    void aBoundedRunEndsWithASummaryAndNoWarnings() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE tally",
                "CREATE TABLE tally.a (id INT PRIMARY KEY, n INT)",
                "CREATE TABLE tally.b (id INT PRIMARY KEY, n INT)",
                "INSERT INTO tally.a SELECT seq, 0 FROM tally.seq_1_to_60",
                "INSERT INTO tally.b SELECT seq, 0 FROM tally.seq_1_to_40");
        try (LocalRun run = start("tally", "bounded.log", "--until", "now")) {
            assertThat(run.awaitExit(Duration.ofMinutes(3))).as(run.logText()).isZero();
            assertThat(run.logText())
                    .contains("Run summary: 100 rows landed in")
                    .contains("tally.a: 60 snapshot")
                    .contains("tally.b: 40 snapshot")
                    .containsPattern("lake \\S+: 2 files, [\\d.]+ KB");
            assertThat(run.warnings()).as("warnings in a healthy run").isEmpty();
        }
    }

    private LocalRun start(String database, String log, String... extra) throws Exception {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--mysql.host",
                                "127.0.0.1",
                                "--mysql.port",
                                Integer.toString(MYSQL.port()),
                                "--mysql.user",
                                MYSQL.cdcUser().user(),
                                "--mysql.databases",
                                database,
                                "--mysql.snapshot.chunk-size",
                                "1000",
                                "--lake.path",
                                work.resolve("lake").toString(),
                                "--checkpoint.dir",
                                work.resolve("checkpoints").toUri().toString(),
                                "--checkpoint.interval",
                                "2s"));
        args.addAll(List.of(extra));
        return LocalRun.start(
                args, Map.of("MYSQL_PASSWORD", MYSQL.cdcUser().password()), work.resolve(log));
    }

    private static String[] awaitJob(LocalRun run) throws Exception {
        AtomicReference<String[]> job = new AtomicReference<>();
        Await.until(
                Duration.ofMinutes(2),
                () -> {
                    if (!run.isAlive()) {
                        throw new AssertionError("the run ended: " + run.logText());
                    }
                    try {
                        job.set(run.jobAndVertex());
                    } catch (java.io.IOException e) {
                        return false; // the dashboard is not up yet
                    }
                    return job.get() != null;
                },
                () -> "waiting for the job to run");
        return job.get();
    }

    private static Map<String, Double> awaitMetrics(
            LocalRun run,
            String[] job,
            List<String> ids,
            java.util.function.Predicate<Map<String, Double>> done,
            String what)
            throws Exception {
        AtomicReference<Map<String, Double>> last = new AtomicReference<>(Map.of());
        Await.until(
                Duration.ofMinutes(2),
                () -> {
                    last.set(run.metrics(job, ids));
                    return last.get().keySet().containsAll(ids) && done.test(last.get());
                },
                () -> "waiting for " + what + ": " + last.get() + "; MySQL:" + MYSQL.processList());
        return last.get();
    }

    private static String pageCounters(LocalRun run, String[] job) {
        try {
            JsonNode counters = run.pageCounters(job);
            return counters.toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static void assertPrometheusHasEveryMetric(String scrape) {
        for (String name :
                List.of(
                        "snapshotTablesTotal",
                        "snapshotTablesDone",
                        "snapshotRowsRead",
                        "snapshotRowsEstimate",
                        "table_snapshotRowsRead",
                        "binlogBytesBehind",
                        "table_op_rowsLanded",
                        "secondsBehindSource",
                        "lastCheckpointCompletedTime",
                        "secondsSinceLastCheckpoint",
                        "table_schemaVersion")) {
            assertThat(scrape)
                    .as("Prometheus metric %s", name)
                    .containsPattern(
                            Pattern.compile(
                                    "(?m)^flink_taskmanager_job_task_operator_" + name + "\\{"));
        }
        assertThat(scrape).containsPattern("table=\"watch_t01\"[,}]");
        assertGrafanaDashboardFindsItsMetrics(scrape);
    }

    /** Every metric the shipped Grafana dashboard queries is one the endpoint reports. */
    private static void assertGrafanaDashboardFindsItsMetrics(String scrape) {
        String dashboard;
        try {
            dashboard =
                    java.nio.file.Files.readString(
                            io.historylake.job.testing.RepoPaths.root()
                                    .resolve("deploy/grafana/history-lake.json"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        java.util.regex.Matcher names = Pattern.compile("flink_[A-Za-z_]+").matcher(dashboard);
        int found = 0;
        while (names.find()) {
            found++;
            assertThat(scrape)
                    .as("the dashboard's metric %s", names.group())
                    .containsPattern(Pattern.compile("(?m)^" + names.group() + "\\{"));
        }
        assertThat(found).as("metrics the dashboard queries").isGreaterThan(10);
    }
}

package io.historylake.job.schema;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;

/** One database of guard cases: creates it, runs the job over it and the workload, reads back. */
final class GuardRun {

    private final LocalMariaDb mysql;
    private final Path work;
    private final String database;
    private final List<GuardCase> cases;
    final Lake lake;
    private String from;

    GuardRun(LocalMariaDb mysql, Path work, String database, List<GuardCase> cases)
            throws Exception {
        this.mysql = mysql;
        this.work = work;
        this.database = database;
        this.cases = cases;
        this.lake = new Lake(work.resolve("lake"));
        mysql.execute("CREATE DATABASE " + database);
        for (GuardCase c : cases) {
            mysql.execute(c.create(database).toArray(new String[0]));
        }
    }

    /** Starts the job; the first time, waits for every table's snapshot and the binlog phase. */
    JobClient start(String... extra) throws Exception {
        JobClient job = HistoryLakeMain.start(TestJobs.options(mysql, work, database, extra));
        if (from != null) {
            return job;
        }
        Await.until(
                Duration.ofMinutes(2),
                () -> lake.count(snapshotCountSql()) == cases.size(),
                () -> "waiting for the snapshots: " + TestJobs.describe(job));
        // The binlog reader takes table schemas from the live database when it starts: DDL must
        // come once it reads, so wait for a first binlog row to land.
        from = mysql.masterPosition();
        GuardCase probe = cases.get(0);
        mysql.execute("INSERT INTO " + probe.qualified(database) + " (id) VALUES (100)");
        Await.until(
                Duration.ofMinutes(2),
                () -> lake.count("SELECT count(*) FROM " + view(probe) + " WHERE id = 100") == 1,
                () -> "waiting for the binlog phase: " + TestJobs.describe(job));
        return job;
    }

    /** Runs every case's DML and DDL; returns the binlog's row events per table since start. */
    Map<String, Map<String, Long>> workload() throws Exception {
        for (GuardCase c : cases) {
            for (String sql : c.workload(database)) {
                mysql.execute(sql);
            }
        }
        return truthSinceStart();
    }

    Map<String, Map<String, Long>> truthSinceStart() throws Exception {
        Map<String, Map<String, Long>> truth = new TreeMap<>();
        BinlogTruth.count(mysql, from, mysql.masterPosition())
                .forEach(
                        (table, ops) -> {
                            if (table.startsWith(database + ".")) {
                                truth.put(table, ops);
                            }
                        });
        return truth;
    }

    List<String> tables() {
        List<String> tables = new ArrayList<>();
        cases.forEach(c -> tables.add(c.qualified(database)));
        return tables;
    }

    Map<String, Long> lakeCounts(String table) throws Exception {
        return LakeAssertions.binlogCounts(lake, List.of(table)).get(table);
    }

    org.apache.flink.core.fs.Path lakeUri() {
        return new org.apache.flink.core.fs.Path(lake.root().toUri());
    }

    Path quarantine(GuardCase c) {
        return lake.root().resolve("_quarantine/" + database + "/" + c.table());
    }

    Path schemas(GuardCase c) {
        return lake.root().resolve("_schemas/" + database + "/" + c.table());
    }

    Path athena(GuardCase c) {
        return lake.root().resolve("_athena/" + database + "/" + c.table());
    }

    private String view(GuardCase c) {
        return database + "_" + c.table();
    }

    private String snapshotCountSql() {
        List<String> parts = new ArrayList<>();
        cases.forEach(c -> parts.add("(SELECT count(*) FROM " + view(c) + " WHERE _op = 'r')"));
        return "SELECT " + String.join(" + ", parts);
    }
}

package io.historylake.bench;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/run.sh [--rows N]}: the workloads of the benchmark on the local MariaDB, each
 * measured against its baselines in the same run. Prints the table and writes it as JSON.
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws Exception {
        long rows = 1_000_000;
        Path out = Path.of("bench/out");
        Path jar = Path.of("job/target/history-lake.jar");
        boolean latency = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--no-latency" -> latency = false;
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
            }
        }
        Report report = run(Db.fromEnv(System.getenv()), rows, out, jar, latency);
        System.out.println();
        System.out.println(report.table());
    }

    /** Runs every workload at {@code rows} (snapshot narrow and binlog bulk; the others scaled). */
    public static Report run(Db db, long rows, Path out, Path jar, boolean withLatency)
            throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: build it with mvn -DskipTests package");
        }
        Report report = new Report();
        report.fact("date", Instant.now().toString());
        report.fact("host", InetAddress.getLocalHost().getHostName());
        report.fact("cpus", Runtime.getRuntime().availableProcessors());
        report.fact(
                "java",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        report.fact("job_jvm_flags", String.join(" ", JobRun.JVM_FLAGS));
        report.fact("job_options", String.join(" ", JobRun.JOB_OPTIONS));
        Workloads workloads = new Workloads(db, 42);
        Baselines baselines = new Baselines(db);
        JobRun jobs = new JobRun(jar, db);
        workloads.createDatabase();

        // BENCH_ONLY=name,name... runs a subset: snapshot-narrow, snapshot-wide, binlog-bulk,
        // binlog-bulk-new, binlog-small (e.g. the 10M-row memory runs:
        // BENCH_ONLY=snapshot-narrow,binlog-bulk).
        List<String> only = List.of(System.getenv().getOrDefault("BENCH_ONLY", "").split(","));
        java.util.function.Predicate<String> wanted =
                name -> only.equals(List.of("")) || only.contains(name);
        if (wanted.test("snapshot-narrow")) {
            workloads.narrowTable("narrow", rows);
            snapshot(report, db, jobs, baselines, out, "narrow", rows);
        }
        if (wanted.test("snapshot-wide")) {
            workloads.wideTable("wide", rows / 5);
            snapshot(report, db, jobs, baselines, out, "wide", rows / 5);
        }
        if (wanted.test("binlog-bulk")) {
            String from = db.position();
            workloads.bulk("bulk", rows);
            binlog(
                    report,
                    db,
                    jobs,
                    baselines,
                    out,
                    "binlog bulk",
                    "bulk",
                    null,
                    from,
                    db.position());
        }
        if (wanted.test("binlog-bulk-new")) {
            // The same mix on a table created inside the captured range and dropped after it: the
            // job starts without the table and reads its CREATE TABLE, so it sees the table whole
            // (as it sees every table it snapshots) and the inserts keep no version state.
            // An empty anchor table gives the job's table filter a table that exists at start.
            workloads.emptyTable("bulk_new_anchor");
            String from = db.position();
            workloads.bulk("bulk_new", rows);
            String to = db.position();
            workloads.drop("bulk_new");
            String tables = Workloads.DB + ".bulk_new|" + Workloads.DB + ".bulk_new_anchor";
            binlog(
                    report,
                    db,
                    jobs,
                    baselines,
                    out,
                    "binlog bulk new table",
                    "bulk_new",
                    tables,
                    from,
                    to);
        }
        if (wanted.test("binlog-small")) {
            String from = db.position();
            workloads.smallTransactions("small", Math.max(1000, rows / 10));
            binlog(
                    report,
                    db,
                    jobs,
                    baselines,
                    out,
                    "binlog small tx",
                    "small",
                    null,
                    from,
                    db.position());
        }
        if (withLatency) {
            int seconds = (int) Math.max(5, Math.min(60, rows / 16_667));
            Latency.Result l = new Latency(db, jobs).run(out.resolve("latency"), 5000, seconds);
            report.fact(
                    "latency",
                    String.format(
                            java.util.Locale.ROOT,
                            "%d rows at %d rows/s for %d s, 1 s checkpoints: p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 <= 3000 ms: %s)",
                            l.rows(),
                            l.rate(),
                            l.seconds(),
                            l.p50(),
                            l.p99(),
                            l.max(),
                            l.p99() <= 3000 ? "met" : "NOT MET"));
        }
        report.writeJson(out.resolve("results.json"));
        Files.writeString(out.resolve("results.md"), report.table());
        return report;
    }

    private static void snapshot(
            Report report,
            Db db,
            JobRun jobs,
            Baselines baselines,
            Path out,
            String table,
            long rows)
            throws Exception {
        String qualified = Workloads.DB + "." + table;
        Path work = out.resolve("snapshot-" + table);
        List<String> options =
                List.of(
                        "--mysql.databases",
                        Workloads.DB,
                        "--mysql.tables",
                        qualified,
                        "--until",
                        "now");
        AbRuns ab = AbRuns.fromEnv(System.getenv());
        if (ab != null) {
            ab.run(
                    db,
                    "snapshot " + table,
                    work,
                    options,
                    rows,
                    lake -> checkSnapshot(lake, table, rows));
            return;
        }
        Baselines.Timing select = baselines.plainSelect(qualified, rows);
        Map<String, Double> base = new LinkedHashMap<>();
        base.put("SELECT", select.rate());
        CaptureRuns.run(
                report,
                jobs,
                work,
                options,
                rows,
                "snapshot " + table,
                base,
                "SELECT",
                0.30,
                lake -> checkSnapshot(lake, table, rows));
    }

    /** The lake's statistics; fails unless the snapshot landed every row once. */
    private static LakeStats checkSnapshot(Path lakeDir, String table, long rows) throws Exception {
        LakeStats lake = LakeStats.of(lakeDir, Workloads.DB, table);
        check(
                lake.rowsByOp().getOrDefault("r", 0L) == rows,
                "snapshot of " + table + " landed " + lake.rowsByOp() + ", expected r=" + rows);
        return lake;
    }

    /** The lake's statistics; fails unless it holds the binlog's rows by op. */
    private static LakeStats checkBinlog(Path lakeDir, String name, String table, long[] truth)
            throws Exception {
        LakeStats lake = LakeStats.of(lakeDir, Workloads.DB, table);
        check(
                java.util.Arrays.equals(lake.binlogOps(), truth),
                name
                        + ": lake "
                        + lake.rowsByOp()
                        + " but the binlog holds c/u/d "
                        + java.util.Arrays.toString(truth)
                        + "; the run's log says:\n"
                        + JobRun.incidents(lakeDir.getParent()));
        return lake;
    }

    private static void binlog(
            Report report,
            Db db,
            JobRun jobs,
            Baselines baselines,
            Path out,
            String name,
            String table,
            String tables,
            String from,
            String to)
            throws Exception {
        long[] truth = new long[3];
        Baselines.Timing client = baselines.binaryLogClient(from, to, truth);
        long rows = truth[0] + truth[1] + truth[2];
        String[] start = from.split(":");
        Path work = out.resolve(name.replace(' ', '-'));
        List<String> options =
                List.of(
                        "--mysql.databases",
                        Workloads.DB,
                        "--mysql.tables",
                        tables != null ? tables : Workloads.DB + "." + table,
                        "--startup",
                        "specific-offset",
                        "--startup.binlog-file",
                        start[0],
                        "--startup.binlog-pos",
                        start[1],
                        "--until",
                        to);
        AbRuns ab = AbRuns.fromEnv(System.getenv());
        if (ab != null) {
            ab.run(db, name, work, options, rows, lake -> checkBinlog(lake, name, table, truth));
            return;
        }
        Baselines.Timing decode = baselines.cClientDecode(from, to, rows);
        Map<String, Double> base = new LinkedHashMap<>();
        base.put("C client", decode.rate());
        base.put("BinaryLogClient", client.rate());
        CaptureRuns.run(
                report,
                jobs,
                work,
                options,
                rows,
                name,
                base,
                "C client",
                0.25,
                lake -> checkBinlog(lake, name, table, truth));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}

package io.historylake.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Commit-to-visible latency: a continuous job with 1 s checkpoints, a writer committing a steady
 * rate of single-statement batches that stamp {@code written_at = NOW(6)}, and a watcher that notes
 * when each committed Parquet file first appears and reads the rows' stamps from it.
 */
final class Latency {

    /** Percentiles in milliseconds and rows seen. */
    record Result(long rows, double p50, double p99, double max, int rate, int seconds) {}

    private final Db db;
    private final JobRun jobs;

    Latency(Db db, JobRun jobs) {
        this.db = db;
        this.jobs = jobs;
    }

    Result run(Path work, int rowsPerSecond, int seconds) throws Exception {
        String table = Workloads.DB + ".latency";
        db.execute(
                "CREATE TABLE "
                        + table
                        + " (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),"
                        + " note VARCHAR(64))");
        Process job =
                jobs.start(
                        work,
                        List.of(
                                "--mysql.databases",
                                Workloads.DB,
                                "--mysql.tables",
                                table,
                                "--startup",
                                "latest",
                                "--checkpoint.interval",
                                "1s"));
        Path dir = work.resolve("lake").resolve(Workloads.DB).resolve("latency");
        Set<Path> seen = new HashSet<>();
        List<Long> latencies = new ArrayList<>();
        try (Connection writer = db.root();
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            // Wait for the job to read the binlog: write a probe until a file shows up.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (LakeStats.parquetFiles(dir).isEmpty()) {
                if (System.nanoTime() > deadline || !job.isAlive()) {
                    throw new IllegalStateException("The latency job never landed a probe row");
                }
                writer.createStatement()
                        .execute("INSERT INTO " + table + " (note) VALUES ('probe')");
                watchOnce(dir, seen, duckdb, null);
                TimeUnit.MILLISECONDS.sleep(500);
            }
            seen.addAll(LakeStats.parquetFiles(dir));
            int perBatch = Math.max(1, rowsPerSecond / 100);
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " (note) VALUES ");
            for (int i = 0; i < perBatch; i++) {
                sql.append(i == 0 ? "" : ",").append("('steady')");
            }
            PreparedStatement insert = writer.prepareStatement(sql.toString());
            long start = System.nanoTime();
            long written = 0;
            for (long batch = 0; batch < 100L * seconds; batch++) {
                long due = start + batch * 10_000_000L;
                while (System.nanoTime() < due) {
                    if (due - System.nanoTime() > 2_000_000) {
                        watchOnce(dir, seen, duckdb, latencies);
                    }
                    Thread.onSpinWait();
                }
                insert.execute();
                written += perBatch;
            }
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (latencies.size() < written && System.nanoTime() < deadline) {
                watchOnce(dir, seen, duckdb, latencies);
                TimeUnit.MILLISECONDS.sleep(20);
            }
        } finally {
            job.destroy();
            job.waitFor(30, TimeUnit.SECONDS);
            job.destroyForcibly();
        }
        Collections.sort(latencies);
        return new Result(
                latencies.size(),
                percentile(latencies, 0.50),
                percentile(latencies, 0.99),
                latencies.isEmpty() ? Double.NaN : latencies.get(latencies.size() - 1) / 1000.0,
                rowsPerSecond,
                seconds);
    }

    /** Notes new committed files; adds each steady row's latency in microseconds. */
    private static void watchOnce(Path dir, Set<Path> seen, Connection duckdb, List<Long> out)
            throws Exception {
        for (Path file : LakeStats.parquetFiles(dir)) {
            if (!seen.add(file) || out == null) {
                continue;
            }
            long visibleMicros = System.currentTimeMillis() * 1000L;
            try (Statement s = duckdb.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT epoch_us(written_at) FROM read_parquet('"
                                            + file
                                            + "') WHERE note = 'steady'")) {
                while (rs.next()) {
                    out.add(visibleMicros - rs.getLong(1));
                }
            }
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1);
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}

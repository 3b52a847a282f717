package io.historylake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What a run left in the lake for one table: rows per op (read back with DuckDB), files, bytes. */
record LakeStats(TreeMap<String, Long> rowsByOp, long files, long bytes) {

    static LakeStats of(Path lake, String database, String table) throws Exception {
        Path dir = lake.resolve(database).resolve(table);
        List<Path> files = parquetFiles(dir);
        TreeMap<String, Long> ops = new TreeMap<>();
        if (!files.isEmpty()) {
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = duckdb.createStatement();
                    ResultSet rs =
                            s.executeQuery(
                                    "SELECT _op, count(*) FROM read_parquet('"
                                            + dir
                                            + "/**/*.parquet', union_by_name = true)"
                                            + " GROUP BY _op ORDER BY _op")) {
                while (rs.next()) {
                    ops.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        return new LakeStats(ops, files.size(), bytes);
    }

    long rows() {
        return rowsByOp.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Rows per op as {@code c=.. u=.. d=..} counts of the binlog, or {@code r=..} of a snapshot.
     */
    long[] binlogOps() {
        return new long[] {
            rowsByOp.getOrDefault("c", 0L),
            rowsByOp.getOrDefault("u", 0L),
            rowsByOp.getOrDefault("d", 0L)
        };
    }

    /** Committed Parquet files under {@code dir/<partition>/}, listed without stat calls. */
    static List<Path> parquetFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new java.util.ArrayList<>();
        try (Stream<Path> partitions = Files.list(dir)) {
            for (Path partition : partitions.toList()) {
                if (!partition.getFileName().toString().contains("=")) {
                    continue;
                }
                try (Stream<Path> list = Files.list(partition)) {
                    list.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .forEach(files::add);
                }
            }
        }
        files.sort(null);
        return files;
    }
}

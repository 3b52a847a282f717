package io.historylake.job.query;

import io.historylake.job.compact.CompactionLog;
import io.historylake.job.compact.LakeFiles;
import io.historylake.model.TableId;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Exposes a local lake to DuckDB: one view per table, named {@code <database>_<table>}, over the
 * table's visible Parquet files ({@link LakeFiles}: committed, compactions applied), every schema
 * version by column name, with the {@code dt} partition column.
 */
public final class LakeViews {

    private LakeViews() {}

    /** Creates the views; returns the tables found. */
    public static List<TableId> register(Connection duckdb, Path lake) throws SQLException {
        Map<TableId, List<String>> files = visibleFiles(lake);
        try (Statement statement = duckdb.createStatement()) {
            for (Map.Entry<TableId, List<String>> table : files.entrySet()) {
                statement.execute(
                        "CREATE OR REPLACE VIEW "
                                + quote(table.getKey().viewName())
                                + " AS SELECT * FROM read_parquet("
                                + table.getValue().stream()
                                        .map(f -> "'" + f.replace("'", "''") + "'")
                                        .collect(Collectors.joining(", ", "[", "]"))
                                + ", hive_partitioning = true, union_by_name = true)");
            }
        }
        return List.copyOf(files.keySet());
    }

    /** Tables with at least one visible Parquet file: {@code <lake>/<db>/<table>/**.parquet}. */
    public static List<TableId> tables(Path lake) {
        return List.copyOf(visibleFiles(lake).keySet());
    }

    private static Map<TableId, List<String>> visibleFiles(Path lake) {
        org.apache.flink.core.fs.Path root =
                new org.apache.flink.core.fs.Path(lake.toAbsolutePath().toUri());
        Map<TableId, List<String>> files = new LinkedHashMap<>();
        try {
            CompactionLog.State log = CompactionLog.read(root);
            for (TableId table : LakeFiles.tables(root)) {
                List<String> paths = new ArrayList<>();
                for (LakeFiles.DataFile file : LakeFiles.visible(root, table, log)) {
                    paths.add(file.path().toUri().getPath());
                }
                if (!paths.isEmpty()) {
                    files.put(table, paths);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list the lake " + lake + ": " + e, e);
        }
        return files;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

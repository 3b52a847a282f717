package io.historylake.job.query;

import io.historylake.model.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Exposes a local lake to DuckDB: one view per table, named {@code <database>_<table>}, over all of
 * the table's committed Parquet files (every schema version, by column name) with the {@code dt}
 * partition column.
 */
public final class LakeViews {

    private LakeViews() {}

    /** Creates the views; returns the tables found. */
    public static List<TableId> register(Connection duckdb, Path lake) throws SQLException {
        List<TableId> tables = tables(lake);
        try (Statement statement = duckdb.createStatement()) {
            for (TableId table : tables) {
                String glob = lake.resolve(table.lakePath()).toAbsolutePath() + "/**/*.parquet";
                statement.execute(
                        "CREATE OR REPLACE VIEW "
                                + quote(table.viewName())
                                + " AS SELECT * FROM read_parquet('"
                                + glob.replace("'", "''")
                                + "', hive_partitioning = true, union_by_name = true)");
            }
        }
        return tables;
    }

    /** Tables with at least one committed Parquet file: {@code <lake>/<db>/<table>/**.parquet}. */
    public static List<TableId> tables(Path lake) {
        List<TableId> tables = new ArrayList<>();
        for (Path db : children(lake)) {
            for (Path table : children(db)) {
                if (hasParquet(table)) {
                    tables.add(
                            new TableId(
                                    db.getFileName().toString(), table.getFileName().toString()));
                }
            }
        }
        return tables;
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("_"))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + dir, e);
        }
    }

    private static boolean hasParquet(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(
                    p ->
                            p.getFileName().toString().endsWith(".parquet")
                                    && !p.getFileName().toString().startsWith("."));
        } catch (IOException e) {
            return false;
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}

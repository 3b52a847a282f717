package io.historylake.job.compact;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.faults.CounterTables;
import io.historylake.job.testing.Lake;
import io.historylake.model.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the compaction tests look at: the rows every query sees, and the files on disk. */
final class LakeSnapshot {

    private LakeSnapshot() {}

    static org.apache.flink.core.fs.Path flinkPath(Lake lake) {
        return new org.apache.flink.core.fs.Path(lake.root().toAbsolutePath().toUri());
    }

    /** Every row of every table as readers see it (partition column included), by event id. */
    static Map<String, List<List<String>>> contents(Lake lake, CounterTables db) throws Exception {
        Map<String, List<List<String>>> rows = new TreeMap<>();
        for (String table : db.tables()) {
            rows.put(
                    table,
                    lake.rows(
                            "SELECT * FROM \""
                                    + table.replace('.', '_')
                                    + "\" ORDER BY _event_id"));
        }
        return rows;
    }

    /** The number of data files of the table that has the fewest. */
    static long fewestFiles(Lake lake, CounterTables db) {
        long fewest = Long.MAX_VALUE;
        try {
            for (String table : db.tables()) {
                fewest =
                        Math.min(
                                fewest,
                                LakeFiles.all(flinkPath(lake), TableId.parse(table)).size());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return fewest;
    }

    static String binlogCounts(Lake lake, CounterTables db) {
        try {
            return io.historylake.job.testing.LakeAssertions.binlogCounts(lake, db.tables())
                    .toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    static long size(org.apache.flink.core.fs.Path root, String relative) throws IOException {
        return new org.apache.flink.core.fs.Path(root, relative)
                .getFileSystem()
                .getFileStatus(new org.apache.flink.core.fs.Path(root, relative))
                .getLen();
    }

    /** At most one file per started three quarters of the target, plus one per partition. */
    static long expectedFiles(org.apache.flink.core.fs.Path root, String table, long target)
            throws IOException {
        List<LakeFiles.DataFile> files =
                LakeFiles.visible(root, TableId.parse(table), CompactionLog.read(root));
        long bytes = files.stream().mapToLong(LakeFiles.DataFile::size).sum();
        long partitions = files.stream().map(LakeFiles.DataFile::partition).distinct().count();
        return bytes / (target * 3 / 4) + partitions;
    }

    /** No replaced input and no abandoned output is left on disk. */
    static void assertOnlyVisibleFilesRemain(org.apache.flink.core.fs.Path root, CounterTables db)
            throws IOException {
        CompactionLog.State log = CompactionLog.read(root);
        for (String table : db.tables()) {
            TableId id = TableId.parse(table);
            assertThat(LakeFiles.all(root, id))
                    .as("files of %s on disk", table)
                    .isEqualTo(LakeFiles.visible(root, id, log));
        }
    }

    /** Copies a lake directory, hidden files included. */
    static void copy(Path from, Path to) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(paths::add);
        }
        for (Path path : paths) {
            Path target = to.resolve(from.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(target);
            } else {
                Files.copy(path, target);
            }
        }
    }
}

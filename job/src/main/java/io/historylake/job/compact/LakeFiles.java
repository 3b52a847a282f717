package io.historylake.job.compact;

import io.historylake.model.TableId;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Which data files of the lake readers see: committed Parquet files under {@code
 * <lake>/<db>/<table>/<partition>/}, less those a committed compaction replaced, and compacted
 * files only once their compaction committed. Hidden names ({@code .} or {@code _}: in-progress
 * part files, journals being written) are never data, as for Athena.
 */
public final class LakeFiles {

    /** Compaction outputs are named {@code compacted-<commit>-<n>.parquet}. */
    public static final String COMPACTED_PREFIX = "compacted-";

    /** A data file, with its path relative to the lake root and its partition directory. */
    public record DataFile(Path path, String relative, String partition, long size, long modified) {

        /** Whether a compaction wrote it. */
        public boolean compacted() {
            return path.getName().startsWith(COMPACTED_PREFIX);
        }
    }

    private LakeFiles() {}

    /** Names Athena, Hive and this lake skip: {@code .xyz} and {@code _xyz}. */
    public static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** The tables of the lake: {@code <lake>/<db>/<table>} directories with names not hidden. */
    public static List<TableId> tables(Path lake) throws IOException {
        List<TableId> tables = new ArrayList<>();
        for (FileStatus db : directories(lake)) {
            for (FileStatus table : directories(db.getPath())) {
                tables.add(new TableId(db.getPath().getName(), table.getPath().getName()));
            }
        }
        return tables;
    }

    /** The files readers see for a table, by path. */
    public static List<DataFile> visible(Path lake, TableId table, CompactionLog.State log)
            throws IOException {
        List<DataFile> visible = new ArrayList<>();
        for (DataFile file : all(lake, table)) {
            boolean replaced = log.inputs().contains(file.relative());
            boolean uncommitted = file.compacted() && !log.outputs().contains(file.relative());
            if (!replaced && !uncommitted) {
                visible.add(file);
            }
        }
        return visible;
    }

    /** Every Parquet data file of a table, replaced and uncommitted ones included, by path. */
    public static List<DataFile> all(Path lake, TableId table) throws IOException {
        List<DataFile> files = new ArrayList<>();
        Path root = new Path(new Path(lake, table.database()), table.table());
        for (FileStatus partition : directories(root)) {
            FileSystem fs = partition.getPath().getFileSystem();
            for (FileStatus file : list(fs, partition.getPath())) {
                String name = file.getPath().getName();
                if (!file.isDir() && name.endsWith(".parquet") && !hidden(name)) {
                    files.add(
                            new DataFile(
                                    file.getPath(),
                                    relative(lake, file.getPath()),
                                    partition.getPath().getName(),
                                    file.getLen(),
                                    file.getModificationTime()));
                }
            }
        }
        files.sort(Comparator.comparing(DataFile::relative));
        return files;
    }

    /** {@code db/table/dt=.../name.parquet} for a file under the lake root. */
    public static String relative(Path lake, Path file) {
        String root = lake.toUri().getPath();
        String path = file.toUri().getPath();
        String prefix = root.endsWith("/") ? root : root + "/";
        if (!path.startsWith(prefix)) {
            throw new IllegalArgumentException(file + " is not under the lake " + lake);
        }
        return path.substring(prefix.length());
    }

    /**
     * Lists a directory that a running job changes: a local listing fails on a file renamed between
     * reading the names and reading their status (an in-progress part file committed), so it is
     * read again.
     */
    private static FileStatus[] list(FileSystem fs, Path dir) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return fs.listStatus(dir);
            } catch (FileNotFoundException e) {
                if (attempt == 10 || !fs.exists(dir)) {
                    throw e;
                }
            }
        }
    }

    private static List<FileStatus> directories(Path dir) throws IOException {
        FileSystem fs = dir.getFileSystem();
        List<FileStatus> dirs = new ArrayList<>();
        if (!fs.exists(dir)) {
            return dirs;
        }
        for (FileStatus status : list(fs, dir)) {
            if (status.isDir() && !hidden(status.getPath().getName())) {
                dirs.add(status);
            }
        }
        dirs.sort(Comparator.comparing(s -> s.getPath().getName()));
        return dirs;
    }
}

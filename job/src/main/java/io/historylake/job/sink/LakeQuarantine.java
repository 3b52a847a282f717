package io.historylake.job.sink;

import io.historylake.model.TableId;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.ReleasedVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The quarantine's place in the lake, {@code <lake>/_quarantine/<db>/<table>/}, and the release
 * markers ({@code _released-v<N>}) that {@code history-lake quarantine release} leaves there; the
 * job lists them every few seconds (off its task thread).
 */
public final class LakeQuarantine implements QuarantineReleases {

    private static final long serialVersionUID = 1L;
    private static final String MARKER = "_released-v";

    private final Path lake;

    public LakeQuarantine(Path lake) {
        this.lake = lake;
    }

    /** The quarantine root of the lake. */
    public static Path root(Path lake) {
        return new Path(lake, "_quarantine");
    }

    /** Where a table's quarantined rows and schema versions are. */
    public static Path of(Path lake, TableId table) {
        return new Path(root(lake), table.lakePath());
    }

    /** The marker that releases a schema version of a table. */
    public static Path marker(Path lake, TableId table, int version) {
        return new Path(of(lake, table), MARKER + version);
    }

    @Override
    public Set<ReleasedVersion> released() throws IOException {
        Path root = root(lake);
        FileSystem fs = root.getFileSystem();
        Set<ReleasedVersion> released = new HashSet<>();
        if (!fs.exists(root)) {
            return released;
        }
        for (FileStatus database : directories(fs, root)) {
            for (FileStatus table : directories(fs, database.getPath())) {
                TableId id = new TableId(database.getPath().getName(), table.getPath().getName());
                for (FileStatus file : children(fs, table.getPath())) {
                    String name = file.getPath().getName();
                    if (!file.isDir() && name.matches(MARKER + "\\d+")) {
                        released.add(
                                new ReleasedVersion(
                                        id, Integer.parseInt(name.substring(MARKER.length()))));
                    }
                }
            }
        }
        return released;
    }

    private static List<FileStatus> directories(FileSystem fs, Path parent) throws IOException {
        List<FileStatus> dirs = new ArrayList<>();
        for (FileStatus child : children(fs, parent)) {
            if (child.isDir()) {
                dirs.add(child);
            }
        }
        return dirs;
    }

    /** A directory's entries; none when it is gone (a release moves the quarantine away). */
    private static FileStatus[] children(FileSystem fs, Path dir) throws IOException {
        try {
            FileStatus[] children = fs.listStatus(dir);
            return children == null ? new FileStatus[0] : children;
        } catch (java.io.FileNotFoundException e) {
            return new FileStatus[0];
        }
    }
}

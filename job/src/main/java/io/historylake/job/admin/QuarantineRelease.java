package io.historylake.job.admin;

import io.historylake.job.sink.LakeQuarantine;
import io.historylake.model.TableId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Accepts a quarantined table's schema change: moves its committed quarantined Parquet files into
 * the table's lake directory (same partition and file name, so running it twice lands nothing
 * twice), its schema versions' {@code .avsc} and Athena DDL to {@code _schemas/} and {@code
 * _athena/}, and leaves a {@code _released-v<N>} marker per version, from which the running job
 * sends the table's rows to the lake again. In-progress files (hidden, not yet committed) stay.
 */
public final class QuarantineRelease {

    private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.(avsc|sql)");

    /** What a release did. */
    public record Result(int dataFiles, List<Integer> versions) {}

    private final Path lake;

    public QuarantineRelease(Path lake) {
        this.lake = lake;
    }

    /** Tables with something in quarantine. */
    public List<TableId> quarantinedTables() throws IOException {
        List<TableId> tables = new ArrayList<>();
        Path root = LakeQuarantine.root(lake);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return tables;
        }
        for (FileStatus db : fs.listStatus(root)) {
            for (FileStatus table : fs.listStatus(db.getPath())) {
                if (table.isDir()) {
                    tables.add(new TableId(db.getPath().getName(), table.getPath().getName()));
                }
            }
        }
        return tables;
    }

    public Result release(TableId table) throws IOException {
        Path from = LakeQuarantine.of(lake, table);
        FileSystem fs = from.getFileSystem();
        if (!fs.exists(from)) {
            throw new IllegalArgumentException(
                    "Nothing is quarantined for "
                            + table.qualified()
                            + " under "
                            + from
                            + ": check the table name and --lake");
        }
        TreeSet<Integer> versions = new TreeSet<>();
        int moved = 0;
        for (FileStatus file : fs.listStatus(from)) {
            Matcher m = VERSION_FILE.matcher(file.getPath().getName());
            if (m.matches()) {
                String area = m.group(2).equals("avsc") ? "_schemas/" : "_athena/";
                copy(fs, file.getPath(), new Path(lake, area + table.lakePath() + "/" + m.group()));
                versions.add(Integer.parseInt(m.group(1)));
            } else if (file.isDir() && !hidden(file.getPath())) {
                moved += moveData(fs, file.getPath(), new Path(lake, table.lakePath()));
            }
        }
        for (int version : versions) {
            write(
                    fs,
                    LakeQuarantine.marker(lake, table, version),
                    "released " + Instant.now() + "\n");
        }
        return new Result(moved, List.copyOf(versions));
    }

    private int moveData(FileSystem fs, Path dir, Path targetParent) throws IOException {
        Path target = new Path(targetParent, dir.getName());
        int moved = 0;
        for (FileStatus file : fs.listStatus(dir)) {
            if (hidden(file.getPath())) {
                continue;
            }
            if (file.isDir()) {
                moved += moveData(fs, file.getPath(), target);
            } else {
                copy(fs, file.getPath(), new Path(target, file.getPath().getName()));
                fs.delete(file.getPath(), false);
                moved++;
            }
        }
        return moved;
    }

    private static boolean hidden(Path path) {
        return path.getName().startsWith(".") || path.getName().startsWith("_");
    }

    private static void copy(FileSystem fs, Path from, Path to) throws IOException {
        FileSystem targetFs = to.getFileSystem();
        try (InputStream in = fs.open(from);
                OutputStream out = targetFs.create(to, FileSystem.WriteMode.OVERWRITE)) {
            in.transferTo(out);
        }
    }

    private static void write(FileSystem fs, Path path, String text) throws IOException {
        try (OutputStream out = fs.create(path, FileSystem.WriteMode.OVERWRITE)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}

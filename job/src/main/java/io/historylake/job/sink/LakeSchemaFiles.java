package io.historylake.job.sink;

import io.historylake.model.SchemaVersion;
import io.historylake.model.TableId;
import io.historylake.schema.LakeSchemaHistory;
import io.historylake.serde.SchemaVersionFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * The schema versions a lake holds for a table: its {@code v<N>.version} files under {@code
 * _schemas/<db>/<table>/} and, for a version still quarantined, under the table's quarantine.
 */
public final class LakeSchemaFiles implements LakeSchemaHistory {

    private static final long serialVersionUID = 1L;
    static final String SUFFIX = ".version";
    private static final Pattern NAME = Pattern.compile("v(\\d+)\\" + SUFFIX);

    private final Path lake;

    public LakeSchemaFiles(Path lake) {
        this.lake = lake;
    }

    /** Whether the lake holds schema files at all (asked once, when the job is built). */
    static boolean holdsAny(Path lake) {
        try {
            Path schemas = new Path(lake, "_schemas");
            return schemas.getFileSystem().exists(schemas);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot list the lake " + lake, e);
        }
    }

    /** Where the lake keeps a table's schema files. */
    static Path schemas(Path lake, TableId table) {
        return new Path(lake, "_schemas/" + table.lakePath());
    }

    @Override
    public List<SchemaVersion> versions(TableId table) throws IOException {
        TreeMap<Integer, SchemaVersion> versions = new TreeMap<>();
        read(schemas(lake, table), versions);
        read(LakeQuarantine.of(lake, table), versions);
        return List.copyOf(versions.values());
    }

    private static void read(Path dir, TreeMap<Integer, SchemaVersion> into) throws IOException {
        FileSystem fs = dir.getFileSystem();
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus file : fs.listStatus(dir)) {
            Matcher name = NAME.matcher(file.getPath().getName());
            if (!file.isDir() && name.matches()) {
                into.put(
                        Integer.parseInt(name.group(1)), SchemaVersionFile.decode(bytes(fs, file)));
            }
        }
    }

    static byte[] bytes(FileSystem fs, FileStatus file) throws IOException {
        try (InputStream in = fs.open(file.getPath())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}

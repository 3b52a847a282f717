package io.historylake.job.compact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemKind;
import org.apache.flink.core.fs.Path;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The compaction journal, {@code <lake>/_compactions/<commit>.json}: one object per committed
 * compaction, JSON lines of {@code {commit, committed_at, table, kind: input|output, file}} with
 * file paths relative to the lake root. Writing it is the commit: from that moment readers take the
 * outputs instead of the inputs (see {@link LakeFiles}); the Athena views read it as a table.
 */
public final class CompactionLog {

    /** The journal directory under the lake root. */
    public static final String DIR = "_compactions";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One committed compaction: files of one table, partition and schema version. */
    public record Commit(
            String id,
            Instant committedAt,
            String table,
            List<String> inputs,
            List<String> outputs) {}

    /** All committed compactions, and the files they replaced and wrote. */
    public record State(List<Commit> commits, Set<String> inputs, Set<String> outputs) {

        static State of(List<Commit> commits) {
            Set<String> inputs = new HashSet<>();
            Set<String> outputs = new HashSet<>();
            for (Commit commit : commits) {
                inputs.addAll(commit.inputs());
                outputs.addAll(commit.outputs());
            }
            return new State(commits, inputs, outputs);
        }
    }

    private CompactionLog() {}

    /** Reads every committed journal entry; hidden files are commits still being written. */
    public static State read(Path lake) throws IOException {
        Path dir = new Path(lake, DIR);
        FileSystem fs = dir.getFileSystem();
        List<Commit> commits = new ArrayList<>();
        if (fs.exists(dir)) {
            for (FileStatus file : fs.listStatus(dir)) {
                String name = file.getPath().getName();
                if (!file.isDir() && name.endsWith(".json") && !LakeFiles.hidden(name)) {
                    commits.add(parse(fs, file.getPath()));
                }
            }
        }
        return State.of(commits);
    }

    /**
     * Commits a compaction by writing its journal entry in one step: on an object store the object
     * appears whole when its upload completes; on a file system it is written hidden and renamed.
     */
    public static void commit(Path lake, Commit commit) throws IOException {
        Path target = new Path(new Path(lake, DIR), commit.id() + ".json");
        FileSystem fs = target.getFileSystem();
        byte[] body = format(commit);
        if (fs.getKind() == FileSystemKind.OBJECT_STORE) {
            write(fs, target, body);
        } else {
            Path temp = new Path(target.getParent(), "." + target.getName() + ".tmp");
            write(fs, temp, body);
            if (!fs.rename(temp, target)) {
                throw new IOException("Could not rename " + temp + " to " + target);
            }
        }
    }

    static byte[] format(Commit commit) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (String file : commit.inputs()) {
            lines.append(line(commit, "input", file)).append('\n');
        }
        for (String file : commit.outputs()) {
            lines.append(line(commit, "output", file)).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String line(Commit commit, String kind, String file) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("commit", commit.id());
        node.put("committed_at", commit.committedAt().toString());
        node.put("table", commit.table());
        node.put("kind", kind);
        node.put("file", file);
        return JSON.writeValueAsString(node);
    }

    private static Commit parse(FileSystem fs, Path path) throws IOException {
        String text;
        try (InputStream in = fs.open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            text = bytes.toString(StandardCharsets.UTF_8);
        }
        String id = null;
        String table = null;
        Instant at = null;
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(line);
            id = node.get("commit").asText();
            table = node.get("table").asText();
            at = Instant.parse(node.get("committed_at").asText());
            ("input".equals(node.get("kind").asText()) ? inputs : outputs)
                    .add(node.get("file").asText());
        }
        if (id == null) {
            throw new IOException(
                    "Compaction journal "
                            + path
                            + " is empty; a journal is written in one step, so this file was"
                            + " not written by history-lake: move it out of "
                            + DIR
                            + "/");
        }
        return new Commit(id, at, table, List.copyOf(inputs), List.copyOf(outputs));
    }

    private static void write(FileSystem fs, Path path, byte[] body) throws IOException {
        try (OutputStream out = fs.create(path, FileSystem.WriteMode.OVERWRITE)) {
            out.write(body);
        }
    }
}

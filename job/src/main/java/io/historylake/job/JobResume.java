package io.historylake.job;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.MySqlConnection;
import io.historylake.job.config.RunOptions;
import io.historylake.job.source.TableSelection;
import io.historylake.model.TableId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resume by default, as Debezium does from its stored offsets: a job is its MySQL server, its table
 * selection and its lake; its checkpoints go to a directory of its own under {@code
 * checkpoint.dir}, and the same command started again resumes from the latest of them. A new
 * snapshot into a lake that already holds the tables' history needs {@code --snapshot.new true} and
 * is recorded in {@code <lake>/_snapshots/}: a second snapshot doubles the history and starts every
 * row's version at 1 again.
 */
public final class JobResume {

    private static final Logger LOG = LoggerFactory.getLogger(JobResume.class);

    private JobResume() {}

    /**
     * The options this start runs with: the job's own checkpoint directory, and {@code restore} set
     * to its latest retained checkpoint unless one is given or a new snapshot is asked for.
     *
     * @param restoredByFlink whether Flink itself restores the job (a savepoint path in its
     *     configuration: {@code flink run -s}, a managed service restoring a snapshot)
     * @throws ConfigException when a snapshot would start again into a lake with the tables'
     *     history
     */
    public static Configuration resolve(
            Configuration options,
            MySqlConnection mysql,
            TableSelection selection,
            List<TableId> tables,
            Path lake,
            boolean restoredByFlink)
            throws IOException {
        Configuration effective = new Configuration(options);
        Path checkpoints = checkpointsOf(options, mysql, selection, lake);
        effective.set(RunOptions.CHECKPOINT_DIR, checkpoints.toString());
        boolean fresh = options.get(RunOptions.SNAPSHOT_NEW);
        if (restoredByFlink || !options.get(RunOptions.RESTORE).isBlank()) {
            return effective;
        }
        Path latest = fresh ? null : RetainedCheckpoints.latest(checkpoints);
        if (latest != null) {
            effective.set(RunOptions.RESTORE, latest.toString());
            LOG.info(
                    "Resuming from {}, the latest checkpoint of this job (same MySQL server, tables"
                            + " and lake); --snapshot.new true would start over with a new"
                            + " snapshot",
                    latest);
            return effective;
        }
        boolean snapshot =
                options.get(HistoryLakeOptions.STARTUP) == HistoryLakeOptions.Startup.INITIAL;
        List<TableId> held = snapshot ? withHistory(lake, tables) : List.of();
        if (!held.isEmpty() && !fresh) {
            throw new ConfigException(
                    "The lake "
                            + lake
                            + " already holds the history of "
                            + names(held)
                            + ", and no checkpoint of this job is under "
                            + checkpoints
                            + ": resume with --restore <checkpoint or savepoint>, or take a new"
                            + " snapshot into the same lake with --snapshot.new true (its rows"
                            + " start at _row_version 1 again, at a later _event_time)");
        }
        if (!held.isEmpty()) {
            record(lake, held, mysql);
        }
        return effective;
    }

    /** The job's own checkpoint directory: {@code <checkpoint.dir>/job-<identity>}. */
    public static Path checkpointsOf(
            Configuration options, MySqlConnection mysql, TableSelection selection, Path lake) {
        return new Path(
                options.get(RunOptions.CHECKPOINT_DIR), "job-" + identity(mysql, selection, lake));
    }

    /** A job's identity: its MySQL server, table selection and lake, hashed. */
    static String identity(MySqlConnection mysql, TableSelection selection, Path lake) {
        String text =
                String.join(
                        "\n",
                        mysql.host() + ":" + mysql.port(),
                        String.join(",", selection.databases()),
                        String.join(",", selection.include()),
                        String.join(",", selection.exclude()),
                        lake.toString().replaceAll("/+$", "")); // a directory's URI ends in /
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tables whose first schema version the lake holds. */
    private static List<TableId> withHistory(Path lake, List<TableId> tables) throws IOException {
        FileSystem fs = lake.getFileSystem();
        return tables.stream()
                .filter(t -> exists(fs, new Path(lake, "_schemas/" + t.lakePath() + "/v1.avsc")))
                .toList();
    }

    private static boolean exists(FileSystem fs, Path path) {
        try {
            return fs.exists(path);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** {@code <lake>/_snapshots/<time>.json}: when and which tables were snapshotted again. */
    private static void record(Path lake, List<TableId> tables, MySqlConnection mysql)
            throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path file = new Path(lake, "_snapshots/" + now.toString().replace(":", "") + ".json");
        String json =
                "{\"started\": \""
                        + now
                        + "\", \"reason\": \"--snapshot.new true\", \"mysql\": \""
                        + mysql.host()
                        + ":"
                        + mysql.port()
                        + "\", \"tables\": ["
                        + tables.stream()
                                .map(t -> "\"" + t.qualified().replace("\"", "\\\"") + "\"")
                                .collect(Collectors.joining(", "))
                        + "]}\n";
        try (OutputStream out =
                file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE)) {
            out.write(json.getBytes(StandardCharsets.UTF_8));
        }
        LOG.warn(
                "A new snapshot of {} into {}, which already holds their history (recorded in {})",
                names(tables),
                lake,
                file);
    }

    private static String names(List<TableId> tables) {
        String listed =
                tables.stream().limit(5).map(TableId::qualified).collect(Collectors.joining(", "));
        return tables.size() > 5 ? listed + " and " + (tables.size() - 5) + " more" : listed;
    }

    /** The retained checkpoints of a job directory: {@code <dir>/<flink job id>/chk-<n>/}. */
    static final class RetainedCheckpoints {

        private RetainedCheckpoints() {}

        /** The most recent complete checkpoint (it has its {@code _metadata}), or null. */
        static Path latest(Path dir) throws IOException {
            FileSystem fs = dir.getFileSystem();
            if (!fs.exists(dir)) {
                return null;
            }
            Path latest = null;
            long latestTime = Long.MIN_VALUE;
            for (FileStatus job : fs.listStatus(dir)) {
                if (!job.isDir()) {
                    continue;
                }
                for (FileStatus checkpoint : fs.listStatus(job.getPath())) {
                    Path metadata = new Path(checkpoint.getPath(), "_metadata");
                    if (checkpoint.getPath().getName().startsWith("chk-") && fs.exists(metadata)) {
                        long time = fs.getFileStatus(metadata).getModificationTime();
                        if (time > latestTime) {
                            latest = checkpoint.getPath();
                            latestTime = time;
                        }
                    }
                }
            }
            return latest;
        }
    }
}

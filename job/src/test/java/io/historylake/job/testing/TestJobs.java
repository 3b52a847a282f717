package io.historylake.job.testing;

import io.historylake.job.config.ConfigLoader;
import io.historylake.job.config.MySqlConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/** Job options for tests: the local MariaDB, a temporary lake, 1 s checkpoints, no dashboard. */
public final class TestJobs {

    private TestJobs() {}

    /** Loads options through the production loader, as the command line would give them. */
    public static Configuration options(
            LocalMariaDb db, Path work, String databases, String... extra) {
        return options(db, work, databases, Map.of(), extra);
    }

    /** The same, with more environment variables. */
    public static Configuration options(
            LocalMariaDb db,
            Path work,
            String databases,
            Map<String, String> env,
            String... extra) {
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("MYSQL_PASSWORD", db.cdcUser().password());
        return ConfigLoader.load(
                args(db, work, databases, extra).toArray(new String[0]), environment);
    }

    /**
     * The command line of a test job (the password comes from {@code MYSQL_PASSWORD}), as a cluster
     * submission passes it.
     */
    public static List<String> args(LocalMariaDb db, Path work, String databases, String... extra) {
        MySqlConnection user = db.cdcUser();
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--mysql.host", user.host(),
                                "--mysql.port", Integer.toString(user.port()),
                                "--mysql.user", user.user(),
                                "--mysql.databases", databases,
                                "--lake.path", work.resolve("lake").toString(),
                                "--checkpoint.dir", work.resolve("checkpoints").toUri().toString(),
                                "--checkpoint.interval", "1s",
                                "--local.web-ui-port", "0"));
        args.addAll(List.of(extra));
        String capture = System.getProperty("historylake.capture");
        if (capture != null && !capture.isBlank() && !args.contains("--capture")) {
            args.addAll(List.of("--capture", capture));
        }
        return args;
    }

    /** The job's status, and its failure when it failed. */
    public static String describe(org.apache.flink.core.execution.JobClient job) {
        try {
            var status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                try {
                    job.getJobExecutionResult().get();
                } catch (Exception e) {
                    Throwable root = e;
                    while (root.getCause() != null) {
                        root = root.getCause();
                    }
                    return status + ": " + root;
                }
            }
            return status.toString();
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    /**
     * The newest retained checkpoint ({@code <job>/<flink job id>/chk-N}) under the checkpoint
     * directory.
     */
    public static Optional<Path> latestCheckpoint(Path work) throws Exception {
        Path dir = work.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(
                            Comparator.comparingLong(
                                    p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }
}

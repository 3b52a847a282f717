package io.historylake.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The job's fat jar run as its own JVM, as users run it: wall time from start to exit (the
 * committed files are there), peak RSS ({@code VmHWM}) and the peak live heap, after a collection
 * (from the GC log).
 */
final class JobRun {

    private static final Pattern INCIDENT =
            Pattern.compile(
                    "restore lost connection|Failed to restore|switched from \\w+ to"
                            + " (FAILED|RESTARTING)|Restarting|Exception");

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** What one run measured. */
    record Result(
            double seconds,
            long peakRssMb,
            long peakHeapMb,
            List<String> jvmFlags,
            Map<String, Double> cpuSeconds) {}

    /**
     * The job JVM's heap and collector; {@code BENCH_JVM_FLAGS} (space-separated) replaces them.
     */
    static final List<String> JVM_FLAGS =
            List.of(
                    System.getenv()
                            .getOrDefault("BENCH_JVM_FLAGS", "-Xmx1g -Xmn400m -XX:+UseParallelGC")
                            .trim()
                            .split("\\s+"));

    /**
     * Options every benchmark job runs with: the state backend for large key spaces and the
     * parallelism ({@code BENCH_STATE_BACKEND}, {@code BENCH_PARALLELISM} change them).
     */
    static final List<String> JOB_OPTIONS =
            List.of(
                    "--state.backend",
                    System.getenv().getOrDefault("BENCH_STATE_BACKEND", "rocksdb"),
                    "--parallelism",
                    System.getenv().getOrDefault("BENCH_PARALLELISM", "1"));

    private final Path jar;
    private final Db db;
    private final List<String> jvmFlags;

    JobRun(Path jar, Db db) {
        this(jar, db, JVM_FLAGS);
    }

    /** A job of this jar run with these JVM flags (an A/B variant, see {@link AbRuns}). */
    JobRun(Path jar, Db db, List<String> jvmFlags) {
        this.jar = jar;
        this.db = db;
        this.jvmFlags = List.copyOf(jvmFlags);
    }

    /** Starts the job process with the options; the caller waits for it to exit. */
    Process start(Path work, List<String> options) throws IOException {
        return start(work, options, List.of("-jar", jar.toString()));
    }

    /**
     * Starts a process of the fat jar: {@code launch} is {@code -jar <jar>} for the job, or a class
     * path and main class.
     */
    private Process start(Path work, List<String> options, List<String> launch) throws IOException {
        if (Files.exists(work)) { // a fresh lake and checkpoint directory for every run
            try (var old = Files.walk(work)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(work);
        List<String> command = new ArrayList<>();
        if (System.getenv("BENCH_JFR") != null) { // CPU time in job.log (RSS then is time's own)
            command.addAll(List.of("/usr/bin/time", "-f", "cpu: user %U s, sys %S s, wall %e s"));
        }
        command.add("java");
        command.addAll(jvmFlags);
        command.add("-Xlog:gc:file=" + work.resolve("gc.log"));
        if (System.getenv("BENCH_JFR") != null) { // profile: bench/jfr-top.sh <work>/job.jfr
            command.add(
                    "-XX:StartFlightRecording=filename="
                            + work.resolve("job.jfr")
                            + ",settings="
                            + System.getenv("BENCH_JFR"));
        }
        command.addAll(
                List.of(
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED"));
        command.addAll(launch);
        command.addAll(
                List.of(
                        "--mysql.host",
                        db.host(),
                        "--mysql.port",
                        Integer.toString(db.port()),
                        "--mysql.user",
                        db.cdcUser(),
                        "--lake.path",
                        work.resolve("lake").toString(),
                        "--checkpoint.dir",
                        work.resolve("checkpoints").toUri().toString(),
                        "--local.web-ui-port",
                        "0"));
        command.addAll(options);
        command.addAll(JOB_OPTIONS);
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("job.log").toFile());
        builder.environment().put("MYSQL_PASSWORD", db.cdcPassword());
        return builder.start();
    }

    /** Runs a bounded job to its end. */
    Result runToEnd(Path work, List<String> options) throws Exception {
        long began = System.nanoTime();
        return finish(work, began, start(work, options));
    }

    /**
     * Runs the job's capture source alone ({@link SourceAlone}: same options, JVM and bounded end,
     * a discarding sink) to its end: the connector's own rate on the same data.
     */
    Result runSourceAlone(Path work, List<String> options) throws Exception {
        return runMain(work, options, SourceAlone.class);
    }

    /**
     * Runs the capture source into the lake's Parquet sink ({@link SourceToParquet}, same options,
     * JVM and bounded end) to its end: the floor of this stack on the same data.
     */
    Result runSourceToParquet(Path work, List<String> options) throws Exception {
        return runMain(work, options, SourceToParquet.class);
    }

    /** Runs a main class of the benchmark with the fat jar on its class path, to its end. */
    private Result runMain(Path work, List<String> options, Class<?> main) throws Exception {
        String classes;
        try {
            classes =
                    Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        long began = System.nanoTime();
        return finish(
                work,
                began,
                start(
                        work,
                        options,
                        List.of(
                                "-cp",
                                jar + java.io.File.pathSeparator + classes,
                                main.getName())));
    }

    /** Waits for the process to exit; fails if it failed. */
    private Result finish(Path work, long began, Process process) throws Exception {
        ThreadCpu cpu = new ThreadCpu();
        long peakRss = watch(process, cpu);
        double seconds = (System.nanoTime() - began) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(
                    "The job failed (exit "
                            + process.exitValue()
                            + "), see "
                            + work.resolve("job.log")
                            + ": "
                            + tail(work.resolve("job.log")));
        }
        return new Result(
                seconds, peakRss, peakHeap(work.resolve("gc.log")), jvmFlags, cpu.seconds());
    }

    /**
     * Polls the JVM's peak RSS (every 100 ms) and its threads' CPU (every 300 ms) until it exits;
     * returns the peak RSS in MB. The JVM is the process, or its child under {@code /usr/bin/time}.
     */
    static long watch(Process process, ThreadCpu cpu) throws Exception {
        long pid = process.pid();
        boolean timed = process.info().command().orElse("").endsWith("/time");
        long peakKb = 0;
        for (int polls = 0;
                !process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                polls++) {
            Optional<ProcessHandle> child =
                    timed ? process.toHandle().children().findFirst() : Optional.empty();
            if (child.isPresent()) {
                pid = child.get().pid();
            }
            Path status = Path.of("/proc/" + pid + "/status");
            if (polls % 3 == 0) {
                cpu.sample(pid);
            }
            try {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peakKb = Math.max(peakKb, Long.parseLong(line.replaceAll("\\D", "")));
                    }
                }
            } catch (IOException e) {
                // exited between the check and the read
            }
        }
        return peakKb / 1024;
    }

    /** The largest live heap (occupancy after a collection) in the GC log, in MB. */
    static long peakHeap(Path gcLog) throws IOException {
        long peak = 0;
        if (!Files.exists(gcLog)) {
            return -1;
        }
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_HEAP.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Long.parseLong(m.group(2)));
            }
        }
        return peak;
    }

    /** Lines of a run's log that tell of reconnects, restarts and failures, for a failed check. */
    static String incidents(Path work) throws IOException {
        Path log = work.resolve("job.log");
        if (!Files.exists(log)) {
            return "no job.log in " + work;
        }
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (INCIDENT.matcher(line).find() && found.size() < 20) {
                found.add(line.length() > 300 ? line.substring(0, 300) : line);
            }
        }
        return found.isEmpty()
                ? "no reconnect, restart or failure in " + log
                : String.join("\n", found);
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}

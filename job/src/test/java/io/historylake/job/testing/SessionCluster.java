package io.historylake.job.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink session cluster of real processes, started from the project's fat jar (which bundles
 * flink-runtime from Maven): a JobManager ({@code StandaloneSessionClusterEntrypoint}) and
 * TaskManagers ({@code TaskManagerRunner}) that a test can kill with SIGKILL. Jobs are submitted
 * the way users submit them, by uploading the jar to the REST API.
 */
public final class SessionCluster implements AutoCloseable {

    private final Path dir;
    private final Path jar;
    private final int restPort;
    private final Map<String, String> env;
    private final HttpClient http = HttpClient.newHttpClient();
    private Process jobManager;
    private final List<Process> taskManagers = new ArrayList<>();

    /**
     * Starts the JobManager; {@code env} goes to every process (e.g. MYSQL_PASSWORD), {@code
     * config} lines to the cluster's configuration.
     */
    public SessionCluster(Path dir, Path jar, Map<String, String> env, List<String> config)
            throws Exception {
        this.dir = dir;
        this.jar = jar;
        this.env = env;
        this.restPort = freePort();
        SessionClusters.write(dir, restPort, freePort(), config);
        jobManager =
                launch(
                        "jobmanager",
                        List.of("-Xmx600m"),
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        Await.until(
                java.time.Duration.ofMinutes(1),
                this::restAnswers,
                () ->
                        "waiting for the JobManager's REST API, see "
                                + dir.resolve("jobmanager.log"));
    }

    private boolean restAnswers() {
        if (!jobManager.isAlive()) {
            throw new IllegalStateException(
                    "The JobManager exited, see " + dir.resolve("jobmanager.out"));
        }
        try {
            get("/overview");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Starts one more TaskManager process. */
    public Process startTaskManager() throws Exception {
        List<String> jvm = new ArrayList<>();
        List<String> dynamic = new ArrayList<>();
        Process utils =
                new ProcessBuilder(
                                "java",
                                "-cp",
                                jar.toString(),
                                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                                "GET_TM_RESOURCE_PARAMS",
                                "--configDir",
                                dir.resolve("conf").toString())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(utils.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        utils.waitFor();
        List<String> results = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim());
            }
        }
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils gave no TaskManager resources:\n" + out);
        }
        jvm.addAll(List.of(results.get(0).split(" ")));
        dynamic.addAll(List.of(results.get(1).split(" ")));
        Process tm =
                launch(
                        "taskmanager-" + taskManagers.size(),
                        jvm,
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        dynamic);
        taskManagers.add(tm);
        return tm;
    }

    /** Kills a TaskManager process with SIGKILL and waits until it is gone. */
    public static void kill(Process taskManager) throws InterruptedException {
        taskManager.destroyForcibly();
        taskManager.waitFor(30, TimeUnit.SECONDS);
    }

    /** Uploads the jar and runs it with the arguments; returns the job id. */
    public String submit(List<String> args) throws Exception {
        String boundary = "----hl" + UUID.randomUUID();
        byte[] head =
                ("--"
                                + boundary
                                + "\r\nContent-Disposition: form-data; name=\"jarfile\";"
                                + " filename=\"history-lake.jar\"\r\n"
                                + "Content-Type: application/x-java-archive\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest upload =
                HttpRequest.newBuilder(uri("/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                                HttpRequest.BodyPublishers.concat(
                                        HttpRequest.BodyPublishers.ofByteArray(head),
                                        HttpRequest.BodyPublishers.ofFile(jar),
                                        HttpRequest.BodyPublishers.ofByteArray(tail)))
                        .build();
        String uploaded = send(upload);
        String jarId = field(uploaded, "filename").replaceAll(".*/", "");
        StringBuilder json = new StringBuilder("{\"programArgsList\":[");
        for (int i = 0; i < args.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(args.get(i).replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        json.append("]}");
        String run =
                send(
                        HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json.toString()))
                                .build());
        return field(run, "jobid");
    }

    /** GET on the REST API; the body. */
    public String get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /** Registered TaskManagers and the job's state, as the REST API tells them. */
    public int taskManagerCount() throws Exception {
        return Integer.parseInt(field(get("/overview"), "taskmanagers"));
    }

    /** The job's state, the TaskManagers and where the logs are, for failure messages. */
    public String describe(String jobId) {
        try {
            return jobState(jobId) + ", TaskManagers " + taskManagerCount() + ", logs in " + dir;
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + "), logs in " + dir;
        }
    }

    public String jobState(String jobId) throws Exception {
        return field(get("/jobs/" + jobId), "state");
    }

    /** Checkpoints of the job in progress right now. */
    public int checkpointsInProgress(String jobId) throws Exception {
        return Integer.parseInt(field(get("/jobs/" + jobId + "/checkpoints"), "in_progress"));
    }

    public int checkpointsCompleted(String jobId) throws Exception {
        return Integer.parseInt(field(get("/jobs/" + jobId + "/checkpoints"), "completed"));
    }

    /** Stops the job with a savepoint into {@code directory}; returns the savepoint's path. */
    public String stopWithSavepoint(String jobId, Path directory) throws Exception {
        String trigger =
                send(
                        HttpRequest.newBuilder(uri("/jobs/" + jobId + "/stop"))
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"targetDirectory\":\""
                                                        + directory.toUri()
                                                        + "\",\"drain\":false}"))
                                .build());
        String request = field(trigger, "request-id");
        String[] location = new String[1];
        Await.until(
                java.time.Duration.ofMinutes(2),
                () -> {
                    String status = get("/jobs/" + jobId + "/savepoints/" + request);
                    if (status.contains("\"failure-cause\"")) {
                        throw new IllegalStateException("The savepoint failed: " + status);
                    }
                    if (status.contains("\"location\"")) {
                        location[0] = field(status, "location");
                        return true;
                    }
                    return false;
                },
                () -> "waiting for the savepoint of " + jobId);
        return location[0];
    }

    public void cancel(String jobId) throws Exception {
        send(
                HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody())
                        .build());
    }

    public Path logs() {
        return dir;
    }

    /** The text of every process's log and output file. */
    public String logText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.(log|out)$")).toList()) {
                text.append(Files.readString(file));
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws Exception {
        for (Process tm : taskManagers) {
            tm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (jobManager != null) {
            jobManager.destroy();
            if (!jobManager.waitFor(30, TimeUnit.SECONDS)) {
                jobManager.destroyForcibly();
            }
        }
    }

    private Process launch(String name, List<String> jvm, String main, List<String>... extra)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvm);
        command.addAll(
                List.of(
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-Dlog.file=" + dir.resolve(name + ".log"),
                        "-Dlog4j.configurationFile=" + dir.resolve("conf/log4j.properties"),
                        "-cp",
                        jar.toString(),
                        main,
                        "--configDir",
                        dir.resolve("conf").toString()));
        for (List<String> more : extra) {
            command.addAll(more);
        }
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve(name + ".out").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + restPort + path);
    }

    private String send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    request.method()
                            + " "
                            + request.uri()
                            + ": "
                            + response.statusCode()
                            + " "
                            + response.body());
        }
        return response.body();
    }

    /** A top-level-ish JSON field by name (string or number), enough for the REST answers here. */
    public static String field(String json, String name) {
        Matcher m =
                Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([^\",}]*)\"?")
                        .matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("No '" + name + "' in " + json);
        }
        return m.group(1);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

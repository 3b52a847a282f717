package io.historylake.job.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The job as a user runs it: {@code java -jar history-lake.jar} (what {@code bin/history-lake run}
 * executes) in a process of its own, with its dashboard's REST API and its Prometheus endpoint on
 * free ports.
 */
public final class LocalRun implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int webUiPort;
    private final int prometheusPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalRun(Process process, Path log, int webUiPort, int prometheusPort) {
        this.process = process;
        this.log = log;
        this.webUiPort = webUiPort;
        this.prometheusPort = prometheusPort;
    }

    /** Starts the job with {@code args} plus the ports; its output goes to {@code log}. */
    public static LocalRun start(List<String> args, Map<String, String> env, Path log)
            throws IOException {
        int ui = SessionCluster.freePort();
        int prometheus = SessionCluster.freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
        command.addAll(
                List.of(
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-jar",
                        RepoPaths.root().resolve("job/target/history-lake.jar").toString()));
        command.addAll(args);
        command.addAll(
                List.of(
                        "--local.web-ui-port",
                        Integer.toString(ui),
                        "--metrics.prometheus.port",
                        Integer.toString(prometheus)));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment()
                .put(
                        "FLINK_PLUGINS_DIR",
                        RepoPaths.root().resolve("job/target/plugins").toString());
        return new LocalRun(builder.start(), log, ui, prometheus);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself (a bounded run); its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The run did not end within " + timeout);
        }
        return process.exitValue();
    }

    public String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Lines logged at WARN or ERROR, and the JVM's own warnings. */
    public List<String> warnings() throws IOException {
        return warnings(logText());
    }

    /** The lines of a job's log (the jar's log4j2 layout) that are warnings or errors. */
    public static List<String> warnings(String log) {
        return log.lines()
                .filter(
                        l ->
                                l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (WARN|ERROR).*")
                                        || l.startsWith("WARNING"))
                .toList();
    }

    /** A REST API response as JSON. */
    public JsonNode rest(String path) throws Exception {
        return JSON.readTree(get("http://127.0.0.1:" + webUiPort + path));
    }

    /** The running job's id and its (first) vertex's id, or null while there is none. */
    public String[] jobAndVertex() throws Exception {
        for (JsonNode job : rest("/jobs/overview").get("jobs")) {
            if ("RUNNING".equals(job.get("state").asText())) {
                String id = job.get("jid").asText();
                return new String[] {
                    id, rest("/jobs/" + id).get("vertices").get(0).get("id").asText()
                };
            }
        }
        return null;
    }

    /** Metric values of subtask 0 of the vertex, by their ids ({@code <operator>.<name>}). */
    public Map<String, Double> metrics(String[] jobAndVertex, List<String> ids) throws Exception {
        JsonNode values =
                rest(
                        "/jobs/"
                                + jobAndVertex[0]
                                + "/vertices/"
                                + jobAndVertex[1]
                                + "/metrics?get=0."
                                + String.join(",0.", ids));
        Map<String, Double> out = new HashMap<>();
        for (JsonNode value : values) {
            out.put(value.get("id").asText().substring(2), value.get("value").asDouble());
        }
        return out;
    }

    /** The job page's counters of the vertex: {@code read-records}, {@code write-records}. */
    public JsonNode pageCounters(String[] jobAndVertex) throws Exception {
        return rest("/jobs/" + jobAndVertex[0]).get("vertices").get(0).get("metrics");
    }

    /** The Prometheus endpoint's text. */
    public String scrape() throws Exception {
        return get("http://127.0.0.1:" + prometheusPort + "/metrics");
    }

    private String get(String uri) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(uri))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}

package io.historylake.job.operate;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.Await;
import io.historylake.job.testing.LocalRun;
import io.historylake.job.testing.RepoPaths;
import io.historylake.job.testing.SessionCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as the README tells a new user to run it ({@code deploy/local/demo.sh}): the job page
 * shows records moving, the printed history includes a two-table transaction by its request id, and
 * the job logs no warning.
 */
class DemoClusterIT {

    private static final Pattern RECORDS =
            Pattern.compile("\"read-records\":(\\d+),.*\"write-records\":(\\d+),");

    @TempDir Path work;

    @Test
    void theDemoShowsMovingCountersATwoTableTransactionAndLogsNoWarning() throws Exception {
        int port = SessionCluster.freePort();
        ProcessBuilder builder =
                new ProcessBuilder(RepoPaths.root().resolve("deploy/local/demo.sh").toString())
                        .directory(RepoPaths.root().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("demo.out").toFile());
        builder.environment().put("DEMO_DIR", work.resolve("demo").toString());
        builder.environment().put("DEMO_SECONDS", "25");
        builder.environment().put("DEMO_PORT", Integer.toString(port));
        builder.environment().put("DEMO_SKIP_BUILD", "1");
        Process demo = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long[] counters = new long[2];
            Await.until(
                    Duration.ofMinutes(3),
                    () -> {
                        assertThat(demo.isAlive()).as(output()).isTrue();
                        String job = firstJobPage(http, port);
                        Matcher m = job == null ? null : RECORDS.matcher(job);
                        if (m == null || !m.find()) {
                            return false;
                        }
                        counters[0] = Long.parseLong(m.group(1));
                        counters[1] = Long.parseLong(m.group(2));
                        return counters[0] > 0 && counters[1] > 0;
                    },
                    () -> "waiting for the job page's records received and sent: " + output());
            assertThat(demo.waitFor(3, TimeUnit.MINUTES)).as("the demo ends").isTrue();
            assertThat(demo.exitValue()).as(output()).isZero();
        } finally {
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
        }
        List<String> transaction = output().lines().filter(l -> l.contains("req-tx-")).toList();
        assertThat(transaction)
                .as("the two-table transaction printed by its request id")
                .anyMatch(l -> l.startsWith("inspections"))
                .anyMatch(l -> l.startsWith("activity_feed"));
        assertThat(LocalRun.warnings(Files.readString(work.resolve("demo/job.log"))))
                .as("warnings in the demo's job log")
                .isEmpty();
    }

    /** The first job's page (REST {@code /jobs/<id>}), or null while there is none. */
    private static String firstJobPage(HttpClient http, int port) {
        try {
            String overview = get(http, "http://127.0.0.1:" + port + "/jobs/overview");
            Matcher id = Pattern.compile("\"jid\":\"([0-9a-f]+)\"").matcher(overview);
            return id.find()
                    ? get(http, "http://127.0.0.1:" + port + "/jobs/" + id.group(1))
                    : null;
        } catch (Exception e) {
            return null; // the dashboard is not up yet
        }
    }

    private static String get(HttpClient http, String uri) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create(uri))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private String output() {
        try {
            return Files.readString(work.resolve("demo.out"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}

package io.historylake.job.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@link PausingCompaction} as its own JVM and kills it (SIGKILL) where it paused. */
final class KilledCompaction {

    private KilledCompaction() {}

    static void runUntil(Path lake, long target, String step, int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process =
                new ProcessBuilder(
                                java,
                                "-cp",
                                System.getProperty("java.class.path"),
                                PausingCompaction.class.getName(),
                                lake.toString(),
                                Long.toString(target),
                                step,
                                Integer.toString(n))
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
        CompletableFuture<String> paused =
                CompletableFuture.supplyAsync(
                        () -> {
                            try (BufferedReader out =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = out.readLine()) != null) {
                                    if (line.startsWith("PAUSED") || line.equals("FINISHED")) {
                                        return line;
                                    }
                                }
                                return "exited " + process.waitFor();
                            } catch (Exception e) {
                                return e.toString();
                            }
                        });
        try {
            assertThat(paused.get(3, TimeUnit.MINUTES))
                    .as("the compaction process reaching %s #%d", step, n)
                    .isEqualTo("PAUSED at " + step);
        } finally {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(process.exitValue()).as("killed with SIGKILL").isEqualTo(137);
    }
}

package io.historylake.job.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@code deploy/local/} script (start, stop, ...) and reads the KEY=VALUE lines it prints.
 */
final class DeployScript {

    private DeployScript() {}

    /** {@code deploy/local/<script> <action> --dir <dir> <more...>}; its output, or a failure. */
    static String run(String script, Path dir, String action, List<String> more)
            throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "bash",
                                RepoPaths.root().resolve("deploy/local/" + script).toString(),
                                action,
                                "--dir",
                                dir.toString()));
        command.addAll(more);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(
                    script + " " + action + " " + String.join(" ", more) + " failed:\n" + out);
        }
        return out;
    }

    /** The {@code HL_*=value} lines of a script's output. */
    static Map<String, String> env(String out) {
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            // stderr shares the stream and may end without a newline just before a value
            int start = line.indexOf("HL_");
            int eq = line.indexOf('=', Math.max(start, 0));
            if (start >= 0 && eq > start) {
                values.put(line.substring(start, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }
}

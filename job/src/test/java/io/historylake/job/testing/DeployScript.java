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
            int eq = line.indexOf('=');
            if (line.startsWith("HL_") && eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return values;
    }
}

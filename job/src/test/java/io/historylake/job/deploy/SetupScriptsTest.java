package io.historylake.job.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up scripts get every artifact through the package clients and the user's settings, with
 * no hard-wired address to fall back on, and say what to fix when the client cannot resolve one.
 */
class SetupScriptsTest {

    /** An address on a named host; loopback is where the tests' own servers run. */
    private static final Pattern ADDRESS =
            Pattern.compile("https?://(?!127\\.|localhost)[\\w-]+(\\.[\\w-]+)*\\.[a-z]{2,}");

    @TempDir Path work;

    @Test
    void s3ServerStartNamesTheArtifactMavensErrorAndTheFixWhenMavenCannotResolveIt()
            throws Exception {
        Path emptyRepository = Files.createDirectories(work.resolve("m2"));
        ProcessBuilder start =
                new ProcessBuilder(
                                "bash",
                                RepoPaths.root().resolve("deploy/local/s3.sh").toString(),
                                "start",
                                "--dir",
                                work.resolve("s3").toString())
                        .redirectErrorStream(true);
        start.environment().put("HL_CACHE_DIR", work.resolve("cache").toString());
        start.environment().put("HL_MAVEN_ARGS", "-o -Dmaven.repo.local=" + emptyRepository);
        Process process = start.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(out).isEqualTo(1);
        assertThat(out)
                .contains("could not resolve org.gaul:s3proxy:4.1.0")
                .contains("classifier jar-with-dependencies")
                .contains("Maven said:\n  [ERROR]")
                .contains("check the repositories, mirrors and proxies in your Maven settings")
                .contains(work.resolve("cache/s3proxy-4.1.0-jar-with-dependencies.jar").toString());
        assertThat(work.resolve("cache/s3proxy-4.1.0-jar-with-dependencies.jar")).doesNotExist();
    }

    @Test
    void noScriptOrSourceFileHoldsADownloadAddress() throws IOException {
        List<String> found = new ArrayList<>();
        Path root = RepoPaths.root();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(SetupScriptsTest::isScriptOrSource).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (ADDRESS.matcher(lines.get(i)).find()) {
                        found.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i));
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    private static boolean isScriptOrSource(Path file) {
        String path = file.toString();
        if (path.contains("/target/") || path.contains("/.git/") || !Files.isRegularFile(file)) {
            return false;
        }
        String name = file.getFileName().toString();
        return name.endsWith(".sh")
                || name.endsWith(".java")
                || name.endsWith(".py")
                || name.equals("run")
                || path.contains("/bin/");
    }
}

package io.historylake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.admin.QuarantineCommand;
import io.historylake.job.compact.CompactCommand;
import io.historylake.job.config.KnownOptions;
import io.historylake.job.config.S3Options;
import io.historylake.job.query.QueryCommand;
import io.historylake.job.testing.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a user sees of {@code bin/history-lake} and each command's {@code --help}, with the exit
 * codes, in processes of their own (the commands call {@code System.exit}).
 */
class CommandLineHelpTest {

    private static final Path SCRIPT = RepoPaths.root().resolve("bin/history-lake");

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void theScriptListsTheCommandsAndExitsZero(String help) throws Exception {
        Result result = run(List.of("bash", SCRIPT.toString(), help));
        assertThat(result.exit()).isZero();
        assertThat(result.out())
                .contains("usage: history-lake <command>")
                .contains("  run ", "  query ", "  quarantine ", "  compact ")
                .contains("--help");
    }

    @Test
    void theScriptWithoutCommandPrintsTheCommandsAndExitsTwo() throws Exception {
        Result result = run(List.of("bash", SCRIPT.toString()));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("usage: history-lake <command>");
    }

    @Test
    void anUnknownCommandIsNamedWithTheCommandsAndExitsTwo() throws Exception {
        Result result = run(List.of("bash", SCRIPT.toString(), "rnu"));
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err())
                .contains("unknown command 'rnu'")
                .contains("  run ", "  query ", "  quarantine ", "  compact ");
    }

    @Test
    void runHelpExitsZeroListingEveryOption() throws Exception {
        Result result = java(HistoryLakeMain.class, "--help");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("usage: history-lake run");
        for (String key : KnownOptions.byKey().keySet()) {
            assertThat(result.out()).contains(key);
        }
    }

    @Test
    void queryHelpExitsZeroWithItsUsage() throws Exception {
        Result result = java(QueryCommand.class, "--help");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("usage: history-lake query [--lake DIR] \"<SQL>\"")
                .contains("--lake DIR  (default: $HISTORY_LAKE_PATH");
    }

    @Test
    void quarantineHelpExitsZeroWithItsActions() throws Exception {
        Result result = java(QuarantineCommand.class, "--help");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("usage: history-lake quarantine list|release <database.table>")
                .contains("list: ", "release <database.table>: ", "--lake PATH");
    }

    @Test
    void compactHelpExitsZeroWithItsOptionsAndTheS3Ones() throws Exception {
        Result result = java(CompactCommand.class, "-h");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("usage: history-lake compact")
                .contains("--target-size <size>  (default: 128mb)")
                .contains("--min-age <duration>  (default: 10min)")
                .contains("--grace <duration>  (default: 1h)")
                .contains("--table db.table")
                .contains("--" + S3Options.ENDPOINT.key())
                .contains("--" + S3Options.PATH_STYLE_ACCESS.key())
                .contains("--" + S3Options.ACCESS_KEY.key())
                .contains("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void aMistypedCompactFlagSuggestsTheNearestOne() throws Exception {
        Result result = java(CompactCommand.class, "--min-aeg", "1h");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option '--min-aeg': did you mean --min-age?");
    }

    @Test
    void aMistypedQuarantineActionSuggestsTheNearestOne() throws Exception {
        Result result = java(QuarantineCommand.class, "relase", "shop.orders");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown action 'relase': did you mean release?");
    }

    private record Result(int exit, String out, String err) {}

    /** {@code main} of {@code command} in a JVM of its own, with this test's class path. */
    private static Result java(Class<?> command, String... args) throws Exception {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), command.getName()));
        line.addAll(List.of(args));
        return run(line);
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("hl-cli-", ".out");
        Path err = Files.createTempFile("hl-cli-", ".err");
        try {
            Process process =
                    new ProcessBuilder(command)
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits in time").isTrue();
            return new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

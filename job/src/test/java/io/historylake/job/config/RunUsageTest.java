package io.historylake.job.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code run --help} is generated from the option classes: every option, default, description. */
class RunUsageTest {

    private final String usage = RunUsage.text();

    @Test
    void helpListsEveryOptionWithItsDefaultAndDescription() {
        assertThat(KnownOptions.byKey()).hasSizeGreaterThan(40);
        for (KnownOptions.Entry entry : KnownOptions.byKey().values()) {
            String head = optionLine(entry);
            assertThat(head)
                    .as("the line of %s", entry.key())
                    .contains(
                            entry.required()
                                    ? "(required)"
                                    : "(default: " + OptionText.defaultValue(entry) + ")");
            assertThat(flat(usage))
                    .as("the description of %s", entry.key())
                    .contains(flat(head) + " " + flat(OptionText.description(entry)));
        }
    }

    @Test
    void defaultsAndValuesAreWrittenTheWayUsersTypeThem() {
        assertThat(usage)
                .contains("--checkpoint.interval <duration>  (default: 30 s)")
                .contains("--capture auto|native|flink-cdc  (default: auto)")
                .contains("--startup initial|latest|timestamp|specific-offset  (default: initial)")
                .contains("--lake.target-file-size <size>  (default: 128 mb)")
                .contains("--mysql.user <value>  (required)")
                .contains("--mysql.tables <value>  (default: empty)")
                .contains("--startup.gtid <value>  (default: none)");
    }

    @Test
    void secretsAreListedAsNeverFlags() {
        for (String key : KnownOptions.SECRETS.keySet()) {
            assertThat(usage)
                    .doesNotContain("--" + key + " ")
                    .contains(key + " (env " + KnownOptions.SECRETS.get(key) + ", never a flag)");
        }
    }

    @Test
    void optionsAreGroupedByTheClassTheyComeFrom() {
        List<String> titles = KnownOptions.groups().stream().map(g -> g.title() + ":\n").toList();
        assertThat(usage).containsSubsequence(titles);
        assertThat(usage.indexOf("--checkpoint.dir"))
                .isGreaterThan(usage.indexOf("Running: checkpoints"));
    }

    @Test
    void noLineIsWiderThanATerminal() {
        assertThat(usage.lines())
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Usage.WIDTH));
    }

    @Test
    void descriptionsAreTextNeverAnObjectName() {
        assertThat(usage).doesNotContain("Description@").doesNotContain("<p>");
    }

    /** The line naming the option: its flag, or its key for a secret. */
    private String optionLine(KnownOptions.Entry entry) {
        String name = entry.secret() ? entry.key() + " " : "--" + entry.key() + " ";
        return usage.lines()
                .filter(line -> line.startsWith("  " + name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(entry.key() + " missing from:\n" + usage));
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}

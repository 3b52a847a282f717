package io.historylake.job.admin;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.Flags;
import io.historylake.job.config.Suggestions;
import io.historylake.job.config.Usage;
import io.historylake.job.sink.LakePaths;
import io.historylake.model.TableId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * {@code history-lake quarantine list|release <database.table> [--lake PATH]}: shows the tables in
 * quarantine, or releases one into the lake once someone accepted its schema change.
 */
public final class QuarantineCommand {

    private static final String USAGE =
            "usage: history-lake quarantine list|release <database.table> [--lake PATH]";

    private static final List<String> ACTIONS = List.of("list", "release");

    static final List<Usage.Flag> FLAGS =
            List.of(
                    new Usage.Flag(
                            "--lake",
                            "PATH",
                            "default: $HISTORY_LAKE_PATH, else /tmp/history-lake/lake",
                            "The lake: a local directory or any Flink file system URI."));

    private QuarantineCommand() {}

    public static void main(String[] args) throws Exception {
        if (Usage.asked(args)) {
            System.out.print(usage());
            return;
        }
        try {
            run(Arguments.parse(args));
        } catch (ConfigException e) {
            System.err.println("history-lake quarantine: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    /** {@code history-lake quarantine --help}. */
    static String usage() {
        return new Usage()
                .paragraph(USAGE)
                .paragraph(
                        "The tables whose schema change violated the rules under the policy"
                                + " quarantine: their events wait in <lake>/_quarantine/ while the"
                                + " other tables keep flowing.")
                .paragraph(
                        "list: the tables in quarantine.\n"
                                + "release <database.table>: once the change is accepted, moves"
                                + " the table's committed quarantined files into the lake, accepts"
                                + " its schema versions, and lets the running job send the table's"
                                + " events to the lake again. Run it once more after the job's next"
                                + " checkpoint for events quarantined meanwhile.")
                .flags("Options", FLAGS)
                .toString();
    }

    private static void run(Arguments arguments) throws Exception {
        Path lake = LakePaths.resolve(arguments.lake());
        QuarantineRelease quarantine = new QuarantineRelease(lake);
        if (arguments.table() == null) {
            List<TableId> tables = quarantine.quarantinedTables();
            tables.forEach(t -> System.out.println(t.qualified()));
            if (tables.isEmpty()) {
                System.out.println("(nothing in quarantine under " + lake + ")");
            }
            return;
        }
        TableId id = arguments.table();
        QuarantineRelease.Result result = quarantine.release(id);
        System.out.println(
                "Released "
                        + id.qualified()
                        + ": "
                        + result.dataFiles()
                        + " data files moved into the lake, schema versions "
                        + result.versions()
                        + " accepted. If the job was running, run this again after its next"
                        + " checkpoint to move files it committed meanwhile.");
    }

    /** The lake, and the table to release (null: list). */
    record Arguments(String lake, TableId table) {

        static Arguments parse(String[] args) {
            String lake =
                    System.getenv().getOrDefault("HISTORY_LAKE_PATH", "/tmp/history-lake/lake");
            List<String> words = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--lake")) {
                    if (i + 1 == args.length) {
                        throw new ConfigException("Option '--lake' needs a value: a path");
                    }
                    lake = args[++i];
                } else if (args[i].startsWith("--")) {
                    throw Flags.unknown("'" + args[i] + "'", args[i].substring(2), List.of("lake"));
                } else {
                    words.add(args[i]);
                }
            }
            if (words.isEmpty()) {
                throw new ConfigException("Say what to do: list or release <database.table>");
            }
            String action = words.get(0);
            if (!ACTIONS.contains(action)) {
                List<String> nearest = Suggestions.nearest(action, ACTIONS);
                throw new ConfigException(
                        "Unknown action '"
                                + action
                                + "'"
                                + (nearest.isEmpty()
                                        ? ""
                                        : ": did you mean " + nearest.get(0) + "?"));
            }
            if (action.equals("list") && words.size() == 1) {
                return new Arguments(lake, null);
            }
            if (action.equals("release") && words.size() == 2) {
                try {
                    return new Arguments(lake, TableId.parse(words.get(1)));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(e.getMessage(), e);
                }
            }
            throw new ConfigException(
                    action.equals("list")
                            ? "list takes no table"
                            : "release takes one table, as database.table");
        }
    }
}

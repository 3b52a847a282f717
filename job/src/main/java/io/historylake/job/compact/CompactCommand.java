package io.historylake.job.compact;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.Flags;
import io.historylake.job.config.KnownOptions;
import io.historylake.job.config.OptionText;
import io.historylake.job.config.S3Options;
import io.historylake.job.config.Usage;
import io.historylake.job.sink.LakeFileSystems;
import io.historylake.job.sink.LakePaths;
import io.historylake.model.TableId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.TimeUtils;

/**
 * {@code history-lake compact [--lake PATH] [--target-size 128mb] [--min-age 10min] [--grace 1h]
 * [--table db.table ...] [--s3.endpoint URL] [--s3.path.style.access true] [--s3.access-key KEY]}:
 * one bounded compaction run over the lake (the secret key only from {@code
 * AWS_SECRET_ACCESS_KEY}).
 */
public final class CompactCommand {

    private static final String USAGE =
            "usage: history-lake compact [--lake PATH] [--target-size 128mb] [--min-age 10min]"
                    + " [--grace 1h] [--table db.table ...] [--s3.endpoint URL]"
                    + " [--s3.path.style.access true|false] [--s3.access-key KEY]";

    private static final String DURATION = "a duration such as 30s, 10min or 1h";

    /** The S3 options the command takes, as the job documents them. */
    private static final List<KnownOptions.Entry> S3 =
            List.of(
                    KnownOptions.byKey().get(S3Options.ENDPOINT.key()),
                    KnownOptions.byKey().get(S3Options.PATH_STYLE_ACCESS.key()),
                    KnownOptions.byKey().get(S3Options.ACCESS_KEY.key()));

    /** The command's own flags: its usage and its suggestions for a mistyped one. */
    static final List<Usage.Flag> FLAGS =
            List.of(
                    new Usage.Flag(
                            "--lake",
                            "PATH",
                            "default: $HISTORY_LAKE_PATH, else /tmp/history-lake/lake",
                            "The lake: a local directory or an s3:// URI."),
                    new Usage.Flag(
                            "--target-size",
                            "<size>",
                            "default: 128mb",
                            "Size of a compacted file; files under three quarters of it are"
                                    + " merged."),
                    new Usage.Flag(
                            "--min-age",
                            "<duration>",
                            "default: 10min",
                            "Files younger than this are left for a later run."),
                    new Usage.Flag(
                            "--grace",
                            "<duration>",
                            "default: 1h",
                            "Replaced files are deleted this long after their merge committed"
                                    + " (queries planned before it still find them)."),
                    new Usage.Flag(
                            "--table",
                            "db.table",
                            "default: every table",
                            "A table to compact; repeat it for more."));

    private CompactCommand() {}

    public static void main(String[] args) throws Exception {
        if (Usage.asked(args)) {
            System.out.print(usage());
            return;
        }
        try {
            Compactor.Result result = run(args);
            System.out.println(
                    "Compaction done: "
                            + result.inputs()
                            + " files merged into "
                            + result.outputs()
                            + " in "
                            + result.commits()
                            + " commits; "
                            + result.deleted()
                            + " replaced or abandoned files deleted.");
        } catch (ConfigException e) {
            System.err.println("history-lake compact: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        }
    }

    /** {@code history-lake compact --help}. */
    static String usage() {
        return new Usage()
                .paragraph(USAGE)
                .paragraph(
                        "One bounded compaction run over the lake, next to the running job (one"
                                + " run at a time per lake): per partition and schema version it"
                                + " merges the committed small files into files of about the"
                                + " target size and commits each merge in <lake>/_compactions/.")
                .flags("Options", FLAGS)
                .flags(
                        "S3 (the secret key from the AWS_SECRET_ACCESS_KEY environment variable)",
                        S3.stream().map(Usage.Flag::of).toList())
                .toString();
    }

    /** Parses the arguments, initializes the file systems and runs one compaction. */
    public static Compactor.Result run(String[] args) throws Exception {
        String lakePath =
                System.getenv().getOrDefault("HISTORY_LAKE_PATH", "/tmp/history-lake/lake");
        MemorySize target = MemorySize.parse("128mb");
        Duration minAge = Duration.ofMinutes(10);
        Duration grace = Duration.ofHours(1);
        List<TableId> tables = new ArrayList<>();
        Configuration s3 = new Configuration();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            checkFlag(key);
            if (i + 1 >= args.length) {
                throw new ConfigException("Option '" + key + "' needs a value: " + expected(key));
            }
            String value = args[++i];
            try {
                switch (key) {
                    case "--lake" -> lakePath = value;
                    case "--target-size" -> target = MemorySize.parse(value);
                    case "--min-age" -> minAge = TimeUtils.parseDuration(value);
                    case "--grace" -> grace = TimeUtils.parseDuration(value);
                    case "--table" -> tables.add(TableId.parse(value));
                    case "--s3.endpoint" -> s3.set(S3Options.ENDPOINT, value);
                    case "--s3.path.style.access" ->
                            s3.set(S3Options.PATH_STYLE_ACCESS, bool(value));
                    case "--s3.access-key" -> s3.set(S3Options.ACCESS_KEY, value);
                    default -> throw new IllegalStateException("unchecked flag " + key);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "Invalid value '" + value + "' for " + key + ": expected " + expected(key),
                        e);
            }
        }
        String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
        if (secret != null) {
            s3.set(S3Options.SECRET_KEY, secret);
        }
        LakeFileSystems.initialize(s3);
        Path lake = LakePaths.resolve(lakePath);
        return new Compactor(
                        lake,
                        new Compactor.Settings(target.getBytes(), minAge, grace),
                        Clock.systemUTC())
                .run(tables);
    }

    /** Refuses what is not one of the command's flags, with the nearest ones. */
    private static void checkFlag(String arg) {
        if (!arg.startsWith("--")) {
            throw new ConfigException(
                    "Unexpected argument '" + arg + "': options are given as --key value");
        }
        String key = arg.substring(2);
        Flags.refuseSecret(key, false);
        List<String> names = new ArrayList<>();
        for (Usage.Flag flag : FLAGS) {
            names.add(flag.name().substring(2));
        }
        for (KnownOptions.Entry entry : S3) {
            names.add(entry.key());
        }
        if (!names.contains(key)) {
            throw Flags.unknown("'" + arg + "'", key, names);
        }
    }

    private static String expected(String key) {
        for (KnownOptions.Entry entry : S3) {
            if (key.equals("--" + entry.key())) {
                return OptionText.expected(entry);
            }
        }
        return switch (key) {
            case "--target-size" -> "a size such as 64mb or 1gb";
            case "--min-age", "--grace" -> DURATION;
            case "--table" -> "a table as database.table";
            default -> "a path";
        };
    }

    private static boolean bool(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
            throw new IllegalArgumentException("not a boolean");
        }
        return Boolean.parseBoolean(lower);
    }
}

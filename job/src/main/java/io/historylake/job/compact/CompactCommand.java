package io.historylake.job.compact;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.S3Options;
import io.historylake.job.sink.LakeFileSystems;
import io.historylake.job.sink.LakePaths;
import io.historylake.model.TableId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private CompactCommand() {}

    public static void main(String[] args) throws Exception {
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
            if (i + 1 >= args.length || !key.startsWith("--")) {
                throw new ConfigException("'" + key + "' needs a value");
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
                            s3.set(S3Options.PATH_STYLE_ACCESS, Boolean.parseBoolean(value));
                    case "--s3.access-key" -> s3.set(S3Options.ACCESS_KEY, value);
                    default -> throw new ConfigException("unknown option " + key);
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " '" + value + "': " + e.getMessage(), e);
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
}

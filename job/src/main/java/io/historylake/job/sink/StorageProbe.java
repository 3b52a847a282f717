package io.historylake.job.sink;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.RunOptions;
import java.io.IOException;
import java.util.UUID;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Checks at start that the job can write where an option points (lake, checkpoints): creates the
 * directory, writes and deletes a probe file. Found later, the same problem fails the running job
 * with a long trace.
 */
public final class StorageProbe {

    private StorageProbe() {}

    /** The lake and the checkpoint directory of {@code options}, both writable; else fails. */
    public static Path checkLakeAndCheckpoints(Configuration options) {
        Path lake = checkWritable(HistoryLakeOptions.LAKE_PATH, options);
        checkWritable(RunOptions.CHECKPOINT_DIR, options);
        return lake;
    }

    /**
     * The directory of {@code option} as a Flink path (a plain directory becomes a {@code file://}
     * URI), checked to be writable.
     *
     * @throws ConfigException naming the option, the directory, the cause and the fix, with no
     *     secret of {@code options} in it
     */
    public static Path checkWritable(ConfigOption<String> option, Configuration options) {
        Path dir;
        try {
            dir = LakePaths.resolve(options.get(option));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Invalid value '"
                            + options.get(option)
                            + "' for --"
                            + option.key()
                            + ": expected a directory or a file system URI such as"
                            + " s3://bucket/prefix ("
                            + e.getMessage()
                            + ")",
                    e);
        }
        try {
            probe(dir);
            return dir;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(StorageFailure.describe(option.key(), dir, e, options), e);
        }
    }

    private static void probe(Path dir) throws IOException {
        FileSystem fs = LakeFileSystems.forProbe(dir);
        if (!fs.mkdirs(dir)) {
            throw new IOException("the directory cannot be created");
        }
        Path probe = new Path(dir, "_probe-" + UUID.randomUUID());
        fs.create(probe, FileSystem.WriteMode.NO_OVERWRITE).close();
        fs.delete(probe, false);
    }
}

package io.historylake.job.sink;

import io.historylake.job.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.UUID;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/** The lake's root: resolved from the option, and checked to be writable. */
public final class LakePaths {

    private LakePaths() {}

    /** A lake path as a Flink path: a plain directory becomes a {@code file://} URI. */
    public static Path resolve(String lakePath) {
        URI uri = URI.create(lakePath.replace(" ", "%20"));
        return uri.getScheme() == null
                ? new Path(Paths.get(lakePath).toAbsolutePath().toUri())
                : new Path(uri);
    }

    /**
     * Resolves {@code lake.path} (a plain directory becomes a {@code file://} URI) and checks that
     * the job can create files there.
     */
    public static Path checkWritable(String lakePath) {
        Path lake = resolve(lakePath);
        Path probe = new Path(lake, "_probe-" + UUID.randomUUID());
        try {
            FileSystem fs = lake.getFileSystem();
            fs.mkdirs(lake);
            fs.create(probe, FileSystem.WriteMode.NO_OVERWRITE).close();
            fs.delete(probe, false);
            return lake;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    "Lake path '"
                            + lake
                            + "' is not writable ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + "): choose another --lake.path or fix its permissions",
                    e);
        }
    }
}

package io.historylake.job.sink;

import io.historylake.job.config.HistoryLakeOptions;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.flink.configuration.Configuration;
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
        Configuration options = new Configuration();
        options.set(HistoryLakeOptions.LAKE_PATH, lakePath);
        return StorageProbe.checkWritable(HistoryLakeOptions.LAKE_PATH, options);
    }
}

package io.historylake.job.sink;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.S3Options;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.FileSystemFactory;
import org.apache.flink.core.fs.PluginFileSystemFactory;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads Flink's file system plugins for a local run the way a cluster does: from {@code
 * FLINK_PLUGINS_DIR} (or {@code ./plugins}), so that {@code s3://} goes through {@code
 * flink-s3-fs-hadoop} in its own class loader, configured with the {@code s3.*} options. A cluster
 * has done this already with its own configuration; there this is not called.
 */
public final class LakeFileSystems {

    private static final Logger LOG = LoggerFactory.getLogger(LakeFileSystems.class);

    /** The plugins and settings of the last initialization, for {@link #forProbe} (null: none). */
    private static volatile PluginManager plugins;

    private static volatile Configuration settings;

    private LakeFileSystems() {}

    /** Initializes Flink's file systems with the plugins found and the S3 options. */
    public static void initialize(Configuration options) {
        initialize(options, PluginConfig.getPluginsDir().map(File::toPath).orElse(null));
    }

    /** The same with the plugins of {@code pluginsDir} (null: none). */
    public static void initialize(Configuration options, Path pluginsDir) {
        Configuration fs = fileSystemConfiguration(options);
        PluginManager found;
        try {
            found =
                    new DefaultPluginManager(
                            pluginsDir == null
                                    ? List.of()
                                    : new DirectoryBasedPluginFinder(pluginsDir).findPlugins(),
                            PluginConfig.fromConfiguration(fs).getAlwaysParentFirstPatterns());
        } catch (IOException e) {
            throw new ConfigException(
                    "Cannot load the file system plugins of " + pluginsDir + ": " + e.getMessage(),
                    e);
        }
        FileSystem.initialize(fs, found);
        plugins = found;
        settings = fs;
        LOG.info(
                "File systems initialized with plugins from {} (s3 endpoint {}, credentials {})",
                pluginsDir,
                fs.getString("s3.endpoint", "AWS default"),
                options.getOptional(S3Options.ACCESS_KEY).isPresent()
                        ? "from options"
                        : "from the AWS chain");
    }

    /**
     * The file system of {@code dir} for a preflight check: for S3, one of its own that retries a
     * request once. The S3 client retries a request whose signature S3 refuses (it could be clock
     * skew): with a wrong secret key, the job's file system took three minutes to fail.
     */
    public static FileSystem forProbe(org.apache.flink.core.fs.Path dir) throws IOException {
        URI uri = dir.toUri();
        PluginManager loaded = plugins;
        if (loaded == null || uri.getScheme() == null || !uri.getScheme().startsWith("s3")) {
            return dir.getFileSystem();
        }
        Iterator<FileSystemFactory> factories = loaded.load(FileSystemFactory.class);
        while (factories.hasNext()) {
            FileSystemFactory factory = PluginFileSystemFactory.of(factories.next());
            if (factory.getScheme().equals(uri.getScheme())) {
                Configuration once = new Configuration(settings);
                once.setString("s3.attempts.maximum", "1");
                once.setString("s3.retry.limit", "1");
                factory.configure(once);
                return factory.create(uri);
            }
        }
        return dir.getFileSystem(); // fails naming the missing plugin
    }

    /** The Flink configuration the file system plugins read: {@code s3.*} keys. */
    static Configuration fileSystemConfiguration(Configuration options) {
        Configuration fs = new Configuration();
        options.getOptional(S3Options.ENDPOINT)
                .ifPresent(
                        endpoint -> {
                            if (!endpoint.startsWith("http://")
                                    && !endpoint.startsWith("https://")) {
                                throw new ConfigException(
                                        "--s3.endpoint '"
                                                + endpoint
                                                + "' has no scheme: write http://host:port for a"
                                                + " plain-HTTP server (without it the client"
                                                + " tries TLS and hangs) or https://...");
                            }
                            fs.setString("s3.endpoint", endpoint);
                        });
        fs.setString(
                "s3.path.style.access", Boolean.toString(options.get(S3Options.PATH_STYLE_ACCESS)));
        options.getOptional(S3Options.ACCESS_KEY)
                .ifPresent(key -> fs.setString("s3.access-key", key));
        options.getOptional(S3Options.SECRET_KEY)
                .ifPresent(key -> fs.setString("s3.secret-key", key));
        return fs;
    }
}

package io.historylake.job.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 API server for a test class: s3proxy started by {@code deploy/local/s3.sh} as its own
 * process on a free loopback port, stopped after. Reads the lake back through the S3 API (Flink's
 * S3 file system), never from the server's directory.
 */
public final class LocalS3 implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private Map<String, String> env;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("hl-s3-");
        String out = run("start");
        env = DeployScript.env(out);
        if (!env.keySet()
                .containsAll(
                        List.of(
                                "HL_S3_ENDPOINT",
                                "HL_S3_BUCKET",
                                "HL_S3_ACCESS_KEY",
                                "HL_S3_SECRET_KEY"))) {
            throw new IllegalStateException("s3.sh start printed no complete settings:\n" + out);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (dir != null) {
            run("stop");
        }
    }

    public String endpoint() {
        return env.get("HL_S3_ENDPOINT");
    }

    public String bucket() {
        return env.get("HL_S3_BUCKET");
    }

    public String accessKey() {
        return env.get("HL_S3_ACCESS_KEY");
    }

    public String secretKey() {
        return env.get("HL_S3_SECRET_KEY");
    }

    /** The job's flags for a lake at {@code lakeUri} on this server (the secret goes by env). */
    public String[] jobArgs(String lakeUri) {
        return new String[] {
            "--lake.path",
            lakeUri,
            "--s3.endpoint",
            endpoint(),
            "--s3.path.style.access",
            "true",
            "--s3.access-key",
            accessKey()
        };
    }

    /** The job's environment for this server: {@code AWS_SECRET_ACCESS_KEY}. */
    public Map<String, String> jobEnv() {
        return Map.of("AWS_SECRET_ACCESS_KEY", secretKey());
    }

    /**
     * A mirror of the lake under {@code prefix}, with this JVM's file systems set up for this
     * server (the S3 plugin from {@code job/target/plugins}).
     */
    public S3Mirror mirror(String prefix, Path copy) {
        org.apache.flink.configuration.Configuration options =
                new org.apache.flink.configuration.Configuration();
        options.set(io.historylake.job.config.S3Options.ENDPOINT, endpoint());
        options.set(io.historylake.job.config.S3Options.PATH_STYLE_ACCESS, true);
        options.set(io.historylake.job.config.S3Options.ACCESS_KEY, accessKey());
        options.set(io.historylake.job.config.S3Options.SECRET_KEY, secretKey());
        io.historylake.job.sink.LakeFileSystems.initialize(
                options, RepoPaths.root().resolve("job/target/plugins"));
        return new S3Mirror(prefix, copy);
    }

    /** Every object key under {@code prefix} (an {@code s3://} URI), listed through the S3 API. */
    public static List<String> list(String prefix) throws IOException {
        List<String> keys = new java.util.ArrayList<>();
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(prefix);
        collect(root.getFileSystem(), root, keys);
        return keys;
    }

    /** Copies the objects under {@code prefix} (committed ones, no hidden names) to {@code to}. */
    public static Path download(String prefix, Path to) throws IOException {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(prefix);
        FileSystem fs = root.getFileSystem();
        for (String key : list(prefix)) {
            String relative = key.substring(root.toString().length()).replaceFirst("^/", "");
            if (relative.startsWith(".") || relative.contains("/.")) {
                continue;
            }
            Path target = to.resolve(relative);
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(new org.apache.flink.core.fs.Path(key))) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.FileNotFoundException e) {
                // Gone since the listing: a running job's in-flight upload part (`<part>-<uuid>`),
                // deleted when its checkpoint completes; committed objects are never deleted.
                Files.deleteIfExists(target);
            }
        }
        return to;
    }

    private static void collect(FileSystem fs, org.apache.flink.core.fs.Path dir, List<String> keys)
            throws IOException {
        if (!fs.exists(dir)) {
            return;
        }
        for (FileStatus status : fs.listStatus(dir)) {
            if (status.isDir()) {
                collect(fs, status.getPath(), keys);
            } else {
                keys.add(status.getPath().toString());
            }
        }
    }

    private String run(String... args) throws IOException, InterruptedException {
        return DeployScript.run("s3.sh", dir, args[0], List.of(args).subList(1, args.length));
    }
}

package io.historylake.job.testing;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.core.fs.FileSystem;

/**
 * A local copy of an S3 lake for DuckDB, kept up to date through the S3 API: committed objects
 * never change, so each call downloads only the keys it has not seen (hidden names skipped).
 */
public final class S3Mirror {

    private final String prefix;
    private final Path copy;
    private final Set<String> downloaded = new HashSet<>();

    public S3Mirror(String prefix, Path copy) {
        this.prefix = prefix;
        this.copy = copy;
    }

    /** The lake as it is in S3 now. */
    public Lake lake() throws IOException {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(prefix);
        FileSystem fs = root.getFileSystem();
        for (String key : LocalS3.list(prefix)) {
            String relative = key.substring(root.toString().length()).replaceFirst("^/", "");
            if (relative.startsWith(".")
                    || relative.startsWith("_")
                    || relative.contains("/.")
                    || relative.contains("/_")
                    || !downloaded.add(key)) {
                continue;
            }
            Path target = copy.resolve(relative);
            Files.createDirectories(target.getParent());
            try (InputStream in = fs.open(new org.apache.flink.core.fs.Path(key))) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileNotFoundException e) {
                // Gone since the listing: a running job's in-flight upload part (`<part>-<uuid>`),
                // deleted when its checkpoint completes; committed objects are never deleted.
                Files.deleteIfExists(target);
                downloaded.remove(key);
            }
        }
        return new Lake(copy);
    }
}

package io.historylake.job.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from a test's working directory (a module directory). */
public final class RepoPaths {

    private RepoPaths() {}

    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("deploy/local/mysql.sh"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "Cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

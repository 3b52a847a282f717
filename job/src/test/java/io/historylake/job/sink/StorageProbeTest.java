package io.historylake.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage preflight: the lake and checkpoint directories are written once before a start. */
class StorageProbeTest {

    @TempDir Path work;

    @Test
    void writableDirectoriesAreCreatedAndKeepNoProbe() throws Exception {
        Configuration options = options(work.resolve("lake").toString(), "file://" + work + "/cp");
        StorageProbe.checkLakeAndCheckpoints(options);
        try (var lake = Files.list(work.resolve("lake"));
                var checkpoints = Files.list(work.resolve("cp"))) {
            assertThat(lake).isEmpty();
            assertThat(checkpoints).isEmpty();
        }
    }

    @Test
    void anUnwritableCheckpointDirIsRefusedNamingTheDirectoryAndTheFix() throws Exception {
        Path dir = unwritable();
        Configuration options = options(work.resolve("lake").toString(), dir.toUri().toString());
        assertThatThrownBy(() -> StorageProbe.checkLakeAndCheckpoints(options))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Checkpoint directory '")
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("(--checkpoint.dir) is not writable")
                .hasMessageContaining("choose another --checkpoint.dir")
                .hasMessageNotContaining("\n");
    }

    @Test
    void anUnwritableLakeIsRefusedNamingTheOption() throws Exception {
        Path dir = unwritable();
        Configuration options = options(dir.toString(), work.resolve("cp").toString());
        assertThatThrownBy(() -> StorageProbe.checkLakeAndCheckpoints(options))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Lake path '")
                .hasMessageContaining("(--lake.path) is not writable")
                .hasMessageContaining("choose another --lake.path");
    }

    @Test
    void aPathUnderAFileIsToldAsSuch() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        Configuration options =
                options(work.resolve("lake").toString(), file.resolve("cp").toString());
        assertThatThrownBy(() -> StorageProbe.checkLakeAndCheckpoints(options))
                .hasMessageContaining(file + " is a file, not a directory");
    }

    /**
     * A directory the job cannot create or write: read-only (0555), or, where permission bits do
     * not stop the user (root), a path under a regular file, which can never be created.
     */
    private Path unwritable() throws Exception {
        Path readOnly = Files.createDirectory(work.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!Files.isWritable(readOnly)) {
            return readOnly.resolve("checkpoints");
        }
        return Files.writeString(work.resolve("regular-file"), "x").resolve("checkpoints");
    }

    private static Configuration options(String lake, String checkpoints) {
        Configuration options = new Configuration();
        options.set(HistoryLakeOptions.LAKE_PATH, lake);
        options.set(RunOptions.CHECKPOINT_DIR, checkpoints);
        return options;
    }
}

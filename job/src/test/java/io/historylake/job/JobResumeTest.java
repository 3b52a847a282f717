package io.historylake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.config.MySqlConnection;
import io.historylake.job.source.TableSelection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobResumeTest {

    private static final MySqlConnection MYSQL =
            new MySqlConnection("db.internal", 3306, "cdc", "secret");
    private static final TableSelection SHOP = TableSelection.parse("shop", "", "");

    @TempDir Path dir;

    @Test
    void aJobIsItsServerItsTablesAndItsLakeWhateverTheLakesTrailingSlash() {
        var lake = new org.apache.flink.core.fs.Path("s3://bucket/lake");
        String id = JobResume.identity(MYSQL, SHOP, lake);
        assertThat(
                        JobResume.identity(
                                MYSQL,
                                SHOP,
                                new org.apache.flink.core.fs.Path("s3://bucket/lake/")))
                .isEqualTo(id);
        assertThat(JobResume.identity(MYSQL, TableSelection.parse("shop,crm", "", ""), lake))
                .isNotEqualTo(id);
        assertThat(
                        JobResume.identity(
                                MYSQL, SHOP, new org.apache.flink.core.fs.Path("s3://b/other")))
                .isNotEqualTo(id);
        assertThat(
                        JobResume.identity(
                                new MySqlConnection("db.internal", 3307, "cdc", "secret"),
                                SHOP,
                                lake))
                .isNotEqualTo(id);
        assertThat(
                        JobResume.identity(
                                new MySqlConnection("db.internal", 3306, "other", "changed"),
                                SHOP,
                                lake))
                .as("user and password are not the job")
                .isEqualTo(id);
    }

    @Test
    void theLatestRetainedCheckpointIsTheNewestCompleteOneOfAnyRunOfTheJob() throws Exception {
        checkpoint("run-a/chk-9", Instant.parse("2026-12-01T10:00:00Z"));
        Path newest = checkpoint("run-b/chk-2", Instant.parse("2026-12-01T11:00:00Z"));
        Files.createDirectories(dir.resolve("run-b/chk-3")); // in progress: no _metadata
        Files.createDirectories(dir.resolve("run-b/shared"));

        assertThat(JobResume.RetainedCheckpoints.latest(flink(dir)))
                .hasToString(flink(newest).toString().replaceAll("/$", ""));
        assertThat(JobResume.RetainedCheckpoints.latest(flink(dir.resolve("none")))).isNull();
    }

    @Test
    void aSnapshotIntoALakeWithHistoryIsRefusedUnlessFlinkRestoresTheJobItself() throws Exception {
        Files.createDirectories(dir.resolve("lake/_schemas/shop/orders"));
        Files.writeString(dir.resolve("lake/_schemas/shop/orders/v1.avsc"), "{}");
        var options = new org.apache.flink.configuration.Configuration();
        options.set(
                io.historylake.job.config.RunOptions.CHECKPOINT_DIR,
                dir.resolve("checkpoints").toUri().toString());
        var tables = java.util.List.of(new io.historylake.model.TableId("shop", "orders"));
        var lake = flink(dir.resolve("lake"));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> JobResume.resolve(options, MYSQL, SHOP, tables, lake, false))
                .hasMessageContaining("already holds the history of shop.orders");
        assertThat(JobResume.resolve(options, MYSQL, SHOP, tables, lake, true))
                .as("flink run -s, or a managed service restoring its snapshot")
                .isNotNull();
    }

    private Path checkpoint(String name, Instant time) throws Exception {
        Path chk = Files.createDirectories(dir.resolve(name));
        Files.setLastModifiedTime(
                Files.writeString(chk.resolve("_metadata"), "x"), FileTime.from(time));
        return chk;
    }

    private static org.apache.flink.core.fs.Path flink(Path path) {
        return new org.apache.flink.core.fs.Path(path.toUri());
    }
}

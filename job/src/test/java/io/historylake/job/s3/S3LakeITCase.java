package io.historylake.job.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.compact.Compactor;
import io.historylake.job.sink.LakeFileSystems;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.LocalS3;
import io.historylake.job.testing.RepoPaths;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.WrappingProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake on a real S3 API server (s3proxy, its own process): the job writes through {@code
 * flink-s3-fs-hadoop} loaded as a plugin, exactly once with the S3 recoverable writer, and the test
 * reads everything back through the S3 API.
 */
class S3LakeITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();
    @RegisterExtension static final LocalS3 S3 = new LocalS3();

    @TempDir Path work;

    @Test
    void changesLandInS3ThroughThePluginAndReadBackThroughTheS3Api() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE s3lake",
                "CREATE TABLE s3lake.items (id INT PRIMARY KEY, v INT, note VARCHAR(40))",
                "INSERT INTO s3lake.items SELECT seq, seq, 'seed' FROM s3lake.seq_1_to_100");
        String lakeUri = "s3://" + S3.bucket() + "/lake";
        Configuration options =
                TestJobs.options(
                        MYSQL,
                        work,
                        "s3lake",
                        Map.of("AWS_SECRET_ACCESS_KEY", S3.secretKey()),
                        "--lake.path",
                        lakeUri,
                        "--s3.endpoint",
                        S3.endpoint(),
                        "--s3.path.style.access",
                        "true",
                        "--s3.access-key",
                        S3.accessKey());
        LakeFileSystems.initialize(options, RepoPaths.root().resolve("job/target/plugins"));

        JobClient job = HistoryLakeMain.start(options);
        Await.until(
                Duration.ofMinutes(2),
                () -> fromS3(lakeUri).count("SELECT count(*) FROM s3lake_items") == 100,
                () -> "waiting for the snapshot in S3: " + TestJobs.describe(job));
        String from = MYSQL.masterPosition();
        MYSQL.execute(
                "UPDATE s3lake.items SET v = v + 1 WHERE id <= 30",
                "DELETE FROM s3lake.items WHERE id > 90",
                "INSERT INTO s3lake.items SELECT seq, seq, 'new' FROM s3lake.seq_101_to_150");
        Map<String, Map<String, Long>> truth =
                BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        LakeAssertions.binlogCounts(fromS3(lakeUri), List.of("s3lake.items"))
                                .equals(truth),
                () -> "S3 lake vs binlog " + truth + ": " + TestJobs.describe(job));
        job.cancel().get();

        FileSystem s3 = new org.apache.flink.core.fs.Path(lakeUri).getFileSystem();
        while (s3 instanceof WrappingProxy<?> proxy) {
            s3 = (FileSystem) proxy.getWrappedDelegate();
        }
        assertThat(s3.getClass().getName()).contains("s3");
        assertThat(s3.getClass().getClassLoader())
                .as("the S3 file system comes from the plugin's own class loader")
                .isNotSameAs(getClass().getClassLoader());
        assertThat(
                        getClass()
                                .getClassLoader()
                                .getResource("org/apache/hadoop/fs/s3a/S3AFileSystem.class"))
                .as("flink-s3-fs-hadoop is not on the class path")
                .isNull();
        List<String> keys = LocalS3.list(lakeUri);
        assertThat(keys).anyMatch(k -> k.endsWith("/_schemas/s3lake/items/v1.avsc"));
        assertThat(keys)
                .filteredOn(k -> k.contains("/lake/s3lake/items/"))
                .isNotEmpty()
                .allMatch(k -> k.endsWith(".parquet"), "only committed Parquet objects");
        Lake lake = fromS3(lakeUri);
        LakeAssertions.assertNoDuplicateEventIds(lake, "s3lake_items");
        assertThat(Files.readString(RepoPaths.root().resolve("job/target/test.log")))
                .doesNotContain(S3.secretKey());

        String rows = "SELECT * FROM s3lake_items ORDER BY _event_id";
        List<List<String>> before = lake.rows(rows);
        Compactor.Result compaction =
                new Compactor(
                                new org.apache.flink.core.fs.Path(lakeUri),
                                new Compactor.Settings(128 << 20, Duration.ZERO, Duration.ZERO),
                                Clock.systemUTC())
                        .run(List.of());
        assertThat(compaction.inputs()).isGreaterThanOrEqualTo(2);
        assertThat(compaction.outputs()).isEqualTo(1);
        assertThat(compaction.deleted()).isEqualTo(compaction.inputs());
        assertThat(fromS3(lakeUri).rows(rows)).as("rows after compaction in S3").isEqualTo(before);
        assertThat(LocalS3.list(lakeUri))
                .filteredOn(k -> k.contains("/lake/s3lake/items/"))
                .singleElement()
                .matches(k -> k.contains("/compacted-"), "one compacted file");
    }

    /** A local copy of the lake, downloaded through the S3 API, for DuckDB. */
    private Lake fromS3(String lakeUri) throws Exception {
        Path copy = Files.createTempDirectory(work, "s3-copy-");
        return new Lake(LocalS3.download(lakeUri, copy));
    }
}

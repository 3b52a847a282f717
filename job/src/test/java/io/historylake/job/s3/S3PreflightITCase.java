package io.historylake.job.s3;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.ConfigLoader;
import io.historylake.job.sink.LakeFileSystems;
import io.historylake.job.sink.StorageProbe;
import io.historylake.job.testing.LocalS3;
import io.historylake.job.testing.RepoPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage preflight against a real S3 API server: a missing bucket and refused credentials are
 * told apart, each with its fix, before anything starts, and no secret shows.
 */
class S3PreflightITCase {

    @RegisterExtension static final LocalS3 S3 = new LocalS3();

    @TempDir Path work;

    @Test
    void aLakeInABucketThatDoesNotExistIsRefusedWithTheFix() {
        Configuration options = options("s3://no-such-bucket/lake", S3.secretKey());
        assertThatThrownBy(() -> StorageProbe.checkLakeAndCheckpoints(options))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Lake path 's3://no-such-bucket/lake' (--lake.path)")
                .hasMessageContaining("is in a bucket that does not exist at " + S3.endpoint())
                .hasMessageContaining(
                        "create the bucket, or correct the bucket name in --lake.path")
                .hasMessageNotContaining(S3.secretKey());
    }

    @Test
    void aCheckpointDirInABucketThatDoesNotExistIsRefusedNamingTheOption() {
        Configuration options =
                options(
                        work.resolve("lake").toString(),
                        S3.secretKey(),
                        "--checkpoint.dir",
                        "s3://no-such-bucket/checkpoints");
        assertThatThrownBy(() -> StorageProbe.checkLakeAndCheckpoints(options))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Checkpoint directory 's3://no-such-bucket/checkpoints'")
                .hasMessageContaining("correct the bucket name in --checkpoint.dir");
    }

    @Test
    @Timeout(60) // the S3 client retries a refused signature for three minutes; the probe does not
    void aWrongSecretKeyIsRefusedNamingTheCredentialsWithoutShowingThem() {
        String wrong = "not-the-secret-" + S3.secretKey().hashCode();
        Configuration options = options("s3://" + S3.bucket() + "/lake", wrong);
        assertThatThrownBy(() -> StorageProbe.checkLakeAndCheckpoints(options))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Lake path 's3://" + S3.bucket() + "/lake'")
                .hasMessageContaining("is refused by S3")
                .hasMessageContaining("check --s3.access-key and AWS_SECRET_ACCESS_KEY")
                .hasMessageNotContaining(wrong)
                .hasMessageNotContaining(S3.secretKey());
    }

    @Test
    void aWritableBucketPasses() {
        StorageProbe.checkLakeAndCheckpoints(
                options(
                        "s3://" + S3.bucket() + "/lake",
                        S3.secretKey(),
                        "--checkpoint.dir",
                        "s3://" + S3.bucket() + "/checkpoints"));
    }

    /** Options as the command line gives them, the file systems set up with them. */
    private Configuration options(String lake, String secret, String... extra) {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--mysql.user", "cdc",
                                "--mysql.databases", "shop",
                                "--checkpoint.dir", work.resolve("checkpoints").toString()));
        args.addAll(List.of(S3.jobArgs(lake)));
        args.addAll(List.of(extra));
        Configuration options =
                ConfigLoader.load(
                        args.toArray(new String[0]), Map.of("AWS_SECRET_ACCESS_KEY", secret));
        LakeFileSystems.initialize(options, RepoPaths.root().resolve("job/target/plugins"));
        return options;
    }
}

package io.historylake.job.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import java.util.function.UnaryOperator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

class LakeSinkBuilderTest {

    private static final Path LAKE = new Path("s3://bucket/lake");

    @Test
    void theDefaultsOfTheOptionsBuildALakeSink() {
        LakeSink sink = LakeSink.builder().lake(LAKE).build();
        assertThat(sink.lake()).isEqualTo(LAKE);
        assertThat(sink.releases()).isInstanceOf(LakeQuarantine.class);
    }

    @Test
    void theJobsOptionsAreTakenAsGiven() {
        Configuration options = new Configuration();
        options.set(HistoryLakeOptions.ATHENA_DATABASE, "audit_2026");
        options.set(HistoryLakeOptions.LAKE_PARTITION_COLUMN, "day");
        options.set(HistoryLakeOptions.LAKE_ROW_GROUP_SIZE, MemorySize.parse("8mb"));
        options.set(HistoryLakeOptions.LAKE_COMPRESSION, HistoryLakeOptions.Compression.SNAPPY);
        assertThat(LakeSink.builder().lake(LAKE).options(options).build().parquet(LAKE))
                .isNotNull();
    }

    @Test
    void aLakeWithoutASchemeIsRefusedWithTheFormExpected() {
        assertRefused(b -> b.lake(null), "--lake.path 'null'", "with its scheme");
        assertRefused(
                b -> b.lake(new Path("relative/lake")), "--lake.path 'relative/lake'", "s3://");
    }

    @Test
    void anAthenaDatabaseNameAthenaWouldRefuseIsRefused() {
        assertRefused(
                b -> b.athenaDatabase("my-lake"),
                "--athena.database 'my-lake'",
                "letters, digits and underscores");
        assertRefused(b -> b.athenaDatabase(""), "--athena.database ''", "at most 255");
        assertRefused(b -> b.athenaDatabase("x".repeat(256)), "--athena.database", "255");
    }

    @Test
    void aPartitionColumnMustBeALowerCaseIdentifierApartFromTheLakesOwnColumns() {
        assertRefused(b -> b.partitionColumn("_op"), "--lake.partition-column '_op'", "start");
        assertRefused(b -> b.partitionColumn("Day"), "--lake.partition-column 'Day'", "lower-case");
        assertRefused(
                b -> b.partitionColumn("dt x"), "--lake.partition-column 'dt x'", "identifier");
    }

    @Test
    void sizesOutsideWhatAPartFileCanHoldAreRefused() {
        assertRefused(
                b -> b.targetFileSize(MemorySize.parse("100kb")),
                "--lake.target-file-size '100 kb'",
                "at least 1mb");
        assertRefused(
                b -> b.rowGroupSize(MemorySize.parse("3gb")),
                "--lake.row-group-size '3 gb'",
                "between 64kb and 1gb");
        assertRefused(b -> b.rowGroupSize(MemorySize.parse("1kb")), "row-group-size", "64kb");
        assertRefused(b -> b.compression(null), "--lake.compression 'null'", "zstd or snappy");
    }

    private static void assertRefused(
            UnaryOperator<LakeSinkBuilder> setting, String named, String expected) {
        assertThatThrownBy(() -> setting.apply(LakeSink.builder().lake(LAKE)).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(named)
                .hasMessageContaining(expected);
    }
}

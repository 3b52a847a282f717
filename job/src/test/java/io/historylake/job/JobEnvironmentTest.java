package io.historylake.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.config.RunOptions;
import io.historylake.job.config.RunOptions.StateBackend;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/** The RocksDB settings that keep the row-version state's lookups in the block cache. */
class JobEnvironmentTest {

    /** Flink's shared block cache: its part of managed memory, split into at most 64 shards. */
    private static final int CACHE_SHARDS = 64;

    /** The smallest entry the version state writes: key group, a short key, namespace, long. */
    private static final int SMALLEST_ENTRY_BYTES = 16;

    /** Bloom filter bits per key (Flink's default, {@code bloom-filter.bits-per-key}). */
    private static final int FILTER_BITS_PER_KEY = 10;

    @Test
    void aRocksDbFilesWholeFilterFitsInOneShardOfTheBlockCache() {
        Configuration flink = JobEnvironment.flinkConfiguration(options(StateBackend.ROCKSDB));

        assertThat(flink.getString("state.backend.rocksdb.use-bloom-filter", null))
                .isEqualTo("true");
        assertThat(flink.getString("state.backend.rocksdb.memory.partitioned-index-filters", null))
                .isEqualTo("false");
        long fileBytes =
                MemorySize.parse(
                                flink.getString(
                                        "state.backend.rocksdb.compaction.level.target-file-size-base",
                                        null))
                        .getBytes();
        long shardBytes =
                MemorySize.parse(flink.getString("taskmanager.memory.managed.size", null))
                                .getBytes()
                        / 2
                        / CACHE_SHARDS;
        long filterBytes = fileBytes / SMALLEST_ENTRY_BYTES * FILTER_BITS_PER_KEY / 8;
        // A filter bigger than its shard is evicted as soon as it is released and read from disk at
        // every lookup: a 10M-event run stalled so with 64 MB files (bench/RESULTS.md).
        assertThat(filterBytes).isLessThan(shardBytes);
    }

    @Test
    void memtablesAreSmallerThanRocksDbsDefaultSoLookupsSearchShallowSkipLists() {
        Configuration flink = JobEnvironment.flinkConfiguration(options(StateBackend.ROCKSDB));

        // Every version lookup searches the memtables first (the top RocksDB frame in a profile).
        assertThat(
                        MemorySize.parse(
                                flink.getString("state.backend.rocksdb.writebuffer.size", "64mb")))
                .isLessThanOrEqualTo(MemorySize.parse("16mb"));
    }

    @Test
    void heapStateSetsNoRocksDbOptions() {
        Configuration flink = JobEnvironment.flinkConfiguration(options(StateBackend.HASHMAP));

        assertThat(flink.keySet()).noneMatch(key -> key.startsWith("state.backend.rocksdb"));
    }

    private static Configuration options(StateBackend backend) {
        Configuration options = new Configuration();
        options.set(RunOptions.STATE_BACKEND, backend);
        return options;
    }
}

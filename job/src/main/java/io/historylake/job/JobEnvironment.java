package io.historylake.job;

import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.RunOptions;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Creates the execution environment: exactly-once checkpoints, retained, no Kryo fallback. */
public final class JobEnvironment {

    /** Longest checkpoint interval of a bounded ({@code --until}) run. */
    public static final Duration BOUNDED_RUN_MAX_INTERVAL = Duration.ofSeconds(2);

    /** Managed memory of a local run's TaskManager: RocksDB's block cache and memtables. */
    static final String MANAGED_MEMORY = "256m";

    /** RocksDB's file size in every level: small enough for each file's filter to stay cached. */
    static final String TARGET_FILE_SIZE = "16mb";

    /**
     * RocksDB's memtable size: a lookup searches a shallower skip list than at the default 64mb.
     */
    static final String WRITE_BUFFER_SIZE = "16mb";

    /** Flink's Prometheus reporter: in the job jar for local runs, a plugin on a cluster. */
    static final String PROMETHEUS_REPORTER =
            "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private JobEnvironment() {}

    /** Flink settings derived from the job's options. */
    public static Configuration flinkConfiguration(Configuration options) {
        Configuration flink = new Configuration();
        flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval(options));
        flink.set(
                CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE,
                CheckpointingMode.EXACTLY_ONCE);
        flink.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        flink.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY, options.get(RunOptions.CHECKPOINT_DIR));
        boolean rocksdb = options.get(RunOptions.STATE_BACKEND) == RunOptions.StateBackend.ROCKSDB;
        flink.set(StateBackendOptions.STATE_BACKEND, rocksdb ? "rocksdb" : "hashmap");
        flink.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, rocksdb);
        if (rocksdb) {
            // Snapshot reads look up keys that are not there yet: without bloom filters every miss
            // searches each level's files, and at ~9M keys a 8k-row chunk took 20 s (measured).
            flink.setString("state.backend.rocksdb.use-bloom-filter", "true");
            // The shared block cache has 64 shards (~3.3 MB each at 256 MB managed memory): a
            // file's filter bigger than a shard is dropped as soon as it is released and read from
            // disk at every lookup (a 10M-event binlog run stalled at 5.1M events with 64 MB
            // files). Files of 16 MB keep each whole-file filter under 2 MB; whole filters and
            // indexes cost a lookup fewer cache probes than partitioned ones (+9 % at 10M, see
            // bench/RESULTS.md).
            flink.setString("state.backend.rocksdb.memory.partitioned-index-filters", "false");
            flink.setString(
                    "state.backend.rocksdb.compaction.level.target-file-size-base",
                    TARGET_FILE_SIZE);
            // Every lookup of a row's version first searches the memtables' skip lists (the top
            // RocksDB frame on the task thread); 16 MB ones instead of 64 MB: +5 % at 10M events
            // (bench/RESULTS.md).
            flink.setString("state.backend.rocksdb.writebuffer.size", WRITE_BUFFER_SIZE);
            // A local run's TaskManager gets this much for RocksDB's block cache and memtables.
            flink.setString("taskmanager.memory.managed.size", MANAGED_MEMORY);
            // Levels 0 and 1 (256 MB, rewritten by every compaction) without compression: Snappy
            // cost the compaction threads 1.1 of 3.1 CPU-us per row (binlog bulk 3M, see
            // bench/RESULTS.md); the deeper levels, where a large table's state rests, keep it.
            flink.setString(
                    "state.backend.rocksdb.compression.per.level",
                    "NO_COMPRESSION;NO_COMPRESSION;SNAPPY_COMPRESSION");
        }
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        // Records are immutable: chained operators may hand over the same object, no copy.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        boolean bounded = !options.get(HistoryLakeOptions.UNTIL).isBlank();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF,
                Duration.ofSeconds(1));
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMinutes(1));
        flink.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_ATTEMPTS,
                bounded
                        ? Math.min(3, options.get(RunOptions.RESTART_ATTEMPTS))
                        : options.get(RunOptions.RESTART_ATTEMPTS));
        flink.set(CoreOptions.DEFAULT_PARALLELISM, options.get(RunOptions.PARALLELISM));
        int prometheus = options.get(RunOptions.PROMETHEUS_PORT);
        if (prometheus > 0) {
            flink.setString("metrics.reporter.prom.factory.class", PROMETHEUS_REPORTER);
            flink.setString("metrics.reporter.prom.port", Integer.toString(prometheus));
        }
        String restore = options.get(RunOptions.RESTORE);
        if (!restore.isBlank()) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, restore);
        }
        return flink;
    }

    /**
     * The configured interval; a bounded run caps it at {@link #BOUNDED_RUN_MAX_INTERVAL}, as its
     * last files are committed by the first checkpoint after the input ends.
     */
    static Duration checkpointInterval(Configuration options) {
        Duration interval = options.get(RunOptions.CHECKPOINT_INTERVAL);
        boolean bounded = !options.get(HistoryLakeOptions.UNTIL).isBlank();
        return bounded && interval.compareTo(BOUNDED_RUN_MAX_INTERVAL) > 0
                ? BOUNDED_RUN_MAX_INTERVAL
                : interval;
    }

    /** Whether this run is a local one ({@code java -jar}), not a cluster's or a test's. */
    public static boolean isLocal() {
        return StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment;
    }

    /**
     * The environment for this run: the cluster's when submitted with {@code flink run} (or a
     * test's MiniCluster), else a local one with the dashboard on {@code local.web-ui-port}.
     */
    public static StreamExecutionEnvironment create(Configuration options) {
        Configuration flink = flinkConfiguration(options);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        int webUiPort = options.get(RunOptions.WEB_UI_PORT);
        if (env instanceof LocalStreamEnvironment && webUiPort > 0) {
            flink.set(RestOptions.PORT, webUiPort);
            // The dashboard's and REST API's metrics every 2 s instead of 10 s: a local run is
            // watched while it snapshots.
            flink.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(2));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        }
        return env;
    }
}

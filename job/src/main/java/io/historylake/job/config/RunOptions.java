package io.historylake.job.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * How the job runs: checkpoints, state, resuming, restarts, parallelism and the local dashboard;
 * typed and documented like {@link HistoryLakeOptions}, README lists them.
 */
public final class RunOptions {

    private RunOptions() {}

    /** Where keyed state lives. */
    public enum StateBackend {
        /** On the JVM heap: fast, for small tables and local runs. */
        HASHMAP,
        /** RocksDB on local disk with incremental checkpoints: for production and large tables. */
        ROCKSDB
    }

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            ConfigOptions.key("checkpoint.interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "Checkpoint interval; files become visible when a checkpoint"
                                    + " completes.");
    public static final ConfigOption<String> CHECKPOINT_DIR =
            ConfigOptions.key("checkpoint.dir")
                    .stringType()
                    .defaultValue("file:///tmp/history-lake/checkpoints")
                    .withDescription(
                            "Where checkpoints are kept (retained on cancellation), each job"
                                    + " (MySQL server, tables, lake) in a directory of its own.");
    public static final ConfigOption<StateBackend> STATE_BACKEND =
            ConfigOptions.key("state.backend")
                    .enumType(StateBackend.class)
                    .defaultValue(StateBackend.HASHMAP)
                    .withDescription(
                            "hashmap (heap; local default) or rocksdb (incremental checkpoints;"
                                    + " the production setting for tables of many keys).");
    public static final ConfigOption<Boolean> SNAPSHOT_NEW =
            ConfigOptions.key("snapshot.new")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Take a new snapshot of the tables although the lake already holds"
                                    + " their history (e.g. after a purged binlog); recorded in"
                                    + " <lake>/_snapshots/. Without it a start resumes from this"
                                    + " job's latest checkpoint, and refuses to snapshot again into"
                                    + " such a lake.");
    public static final ConfigOption<String> RESTORE =
            ConfigOptions.key("restore")
                    .stringType()
                    .defaultValue("")
                    .withDescription(
                            "Checkpoint or savepoint path to resume from; unset, the latest"
                                    + " checkpoint of the same job (MySQL server, tables, lake)"
                                    + " under checkpoint.dir.");
    public static final ConfigOption<Integer> RESTART_ATTEMPTS =
            ConfigOptions.key("restart.attempts")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "Restarts after a failure (exponential back-off from 1 s to 1 min)"
                                    + " before the job fails; a bounded run allows 3.");
    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOptions.key("parallelism")
                    .intType()
                    .defaultValue(1)
                    .withDescription("Parallelism of snapshot readers, enrichment and writers.");
    public static final ConfigOption<Integer> WEB_UI_PORT =
            ConfigOptions.key("local.web-ui-port")
                    .intType()
                    .defaultValue(8081)
                    .withDescription("Dashboard port of a local (java -jar) run; 0 turns it off.");
    public static final ConfigOption<Integer> PROMETHEUS_PORT =
            ConfigOptions.key("metrics.prometheus.port")
                    .intType()
                    .defaultValue(0)
                    .withDescription(
                            "Port of a local run's Prometheus endpoint (/metrics: progress, lag,"
                                    + " rows landed; deploy/grafana/ has a dashboard for it); 0"
                                    + " turns it off. On a cluster the reporter is set in its"
                                    + " configuration (README, \"Watching a run\").");
}

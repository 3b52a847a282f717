package io.historylake.job;

import io.historylake.enrich.AttributionRules;
import io.historylake.job.capture.NativeCaptureFactory;
import io.historylake.job.config.ConfigException;
import io.historylake.job.config.ConfigLoader;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.MaskingOptions;
import io.historylake.job.config.MySqlConnection;
import io.historylake.job.config.RunUsage;
import io.historylake.job.config.SchemaPolicyOptions;
import io.historylake.job.config.Usage;
import io.historylake.job.sink.LakeFileSystems;
import io.historylake.job.sink.LakePaths;
import io.historylake.job.sink.LakeSink;
import io.historylake.job.sink.StorageProbe;
import io.historylake.job.source.CaptureTarget;
import io.historylake.job.source.MySqlCdcSourceFactory;
import io.historylake.job.source.MySqlPreflight;
import io.historylake.job.source.TableSelection;
import io.historylake.mask.MaskingRules;
import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.schema.SchemaPolicies;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: checks the configuration and the database, wires the production source and sink. */
public final class HistoryLakeMain {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryLakeMain.class);

    private HistoryLakeMain() {}

    public static void main(String[] args) throws Exception {
        if (Usage.asked(args)) {
            System.out.print(RunUsage.text());
            return;
        }
        boolean local = JobEnvironment.isLocal();
        if (!local) {
            // On a cluster (flink run, REST jar submission, managed Flink) the job runs there:
            // submit and return; never exit the JVM, which may be the JobManager's.
            JobClient job = start(ConfigLoader.load(args, System.getenv()));
            LOG.info("history-lake job {} submitted", job.getJobID());
            return;
        }
        try {
            Configuration options = ConfigLoader.load(args, System.getenv());
            long started = System.nanoTime();
            JobClient job = start(options);
            JobExecutionResult result = job.getJobExecutionResult().get();
            LOG.info("history-lake job {} finished", job.getJobID());
            LOG.info(
                    "{}",
                    RunSummary.describe(
                            result,
                            LakePaths.resolve(options.get(HistoryLakeOptions.LAKE_PATH)),
                            Duration.ofNanos(System.nanoTime() - started)));
        } catch (ConfigException e) {
            System.err.println("history-lake: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            Throwable root = ExceptionUtils.stripExecutionException(e);
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            LOG.error("history-lake job failed", e);
            System.err.println("history-lake: the job failed: " + root);
            System.exit(1);
        }
    }

    /**
     * Runs the preflight checks (storage first: it fails fastest), then submits the job and returns
     * at once.
     */
    public static JobClient start(Configuration options) throws Exception {
        SchemaPolicies policies = SchemaPolicyOptions.policies(options);
        if (JobEnvironment.isLocal()) {
            LakeFileSystems.initialize(options); // a cluster loads its plugins itself
        }
        Path lake = StorageProbe.checkLakeAndCheckpoints(options);
        Capture capture = capture(options);
        Configuration effective =
                JobResume.resolve(
                        options,
                        capture.mysql(),
                        capture.selection(),
                        List.copyOf(capture.target().tables()),
                        lake,
                        restoredByFlink());
        CaptureChoice.record(
                JobResume.checkpointsOf(options, capture.mysql(), capture.selection(), lake),
                capture.kind());
        StreamExecutionEnvironment env = JobEnvironment.create(effective);
        new HistoryLakeJob(
                        capture.source(),
                        LakeSink.builder().lake(lake).options(options).build(),
                        new EnrichmentSettings(
                                attribution(options),
                                options.get(HistoryLakeOptions.CAPTURE_QUERY),
                                capture.masking(),
                                policies))
                .build(env);
        LOG.info(
                "Capturing {} tables from {} into {}{}",
                capture.target().tables().size(),
                capture.mysql(),
                lake,
                capture.stopAt() == null ? "" : " until binlog position " + capture.stopAt());
        return env.executeAsync(
                "history-lake " + String.join(",", capture.selection().databases()));
    }

    /** The production source and what the preflight found, ready to be wired. */
    public record Capture(
            MySqlConnection mysql,
            TableSelection selection,
            CaptureTarget target,
            MaskingRules masking,
            BinlogPosition stopAt,
            HistoryLakeOptions.Capture kind,
            Source<CdcEvent, ?, ?> source) {}

    /**
     * Checks the options and the database (preflight) and builds the capture source; the benchmark
     * also runs it alone, to measure what the connector delivers without the rest of the job.
     */
    public static Capture capture(Configuration options) throws Exception {
        MySqlConnection mysql = ConfigLoader.connection(options);
        TableSelection selection =
                TableSelection.parse(
                        options.get(HistoryLakeOptions.MYSQL_DATABASES),
                        options.get(HistoryLakeOptions.MYSQL_TABLES),
                        options.get(HistoryLakeOptions.MYSQL_TABLES_EXCLUDE));
        MaskingRules masking = MaskingOptions.rules(options);
        CaptureTarget target =
                MySqlPreflight.check(
                        mysql,
                        selection,
                        MySqlCdcSourceFactory.tableColumns(
                                options.get(HistoryLakeOptions.MYSQL_CHUNK_KEY_COLUMNS),
                                "--mysql.chunk-key-columns"),
                        options.get(HistoryLakeOptions.MYSQL_SERVER_TIME_ZONE),
                        options.get(HistoryLakeOptions.LAKE_PARTITION_COLUMN),
                        masking);
        BinlogPosition stopAt = stopPosition(options.get(HistoryLakeOptions.UNTIL), target);
        HistoryLakeOptions.Capture kind =
                CaptureChoice.resolve(
                        options,
                        JobResume.checkpointsOf(
                                options,
                                mysql,
                                selection,
                                LakePaths.checkWritable(options.get(HistoryLakeOptions.LAKE_PATH))),
                        restoredByFlink(),
                        () -> NativeCaptureFactory.supported(mysql));
        return new Capture(
                mysql,
                selection,
                target,
                masking,
                stopAt,
                kind,
                kind == HistoryLakeOptions.Capture.NATIVE
                        ? NativeCaptureFactory.create(options, mysql, selection, target, stopAt)
                        : MySqlCdcSourceFactory.create(options, mysql, selection, target, stopAt));
    }

    /** Whether Flink restores the job itself (a savepoint path in its configuration). */
    private static boolean restoredByFlink() {
        return StreamExecutionEnvironment.getExecutionEnvironment()
                .getConfiguration()
                .getOptional(StateRecoveryOptions.SAVEPOINT_PATH)
                .isPresent();
    }

    private static AttributionRules attribution(Configuration options) {
        return new AttributionRules(
                options.get(HistoryLakeOptions.ATTRIBUTION_USER_TAG),
                options.get(HistoryLakeOptions.ATTRIBUTION_REQUEST_TAG),
                MySqlCdcSourceFactory.tableColumns(
                        options.get(HistoryLakeOptions.USER_COLUMNS), "--user-columns"));
    }

    private static BinlogPosition stopPosition(String until, CaptureTarget target) {
        if (until == null || until.isBlank()) {
            return null;
        }
        if (until.equalsIgnoreCase("now")) {
            return target.currentPosition();
        }
        int colon = until.lastIndexOf(':');
        if (colon > 0) {
            try {
                return new BinlogPosition(
                        until.substring(0, colon), Long.parseLong(until.substring(colon + 1)), 0);
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new ConfigException(
                "Invalid --until '" + until + "': use 'now' or a binlog position 'file:pos'");
    }
}

package io.historylake.job;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.HistoryLakeOptions.Capture;
import io.historylake.job.config.RunOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which capture a start uses. The two keep different source state, so a job resumes with the
 * capture that wrote its checkpoints (recorded in its checkpoint directory; checkpoints without the
 * record are the Flink CDC capture's, the only one before); {@code auto} picks it by the server on
 * a job's first start only. Resuming with the other capture is refused with the way to switch.
 */
public final class CaptureChoice {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureChoice.class);
    static final String RECORD = "capture";

    private CaptureChoice() {}

    /**
     * @param jobCheckpoints the job's checkpoint directory ({@code <checkpoint.dir>/job-<hash>})
     * @param restoredByFlink whether Flink itself restores the job from a savepoint
     * @param nativeSupported whether the server has what the native capture needs (asked only for
     *     {@code auto} on a first start)
     */
    public static Capture resolve(
            Configuration options,
            Path jobCheckpoints,
            boolean restoredByFlink,
            BooleanSupplier nativeSupported)
            throws IOException {
        Capture requested = options.get(HistoryLakeOptions.CAPTURE);
        boolean resuming =
                restoredByFlink
                        || !options.get(RunOptions.RESTORE).isBlank()
                        || (!options.get(RunOptions.SNAPSHOT_NEW)
                                && JobResume.RetainedCheckpoints.latest(jobCheckpoints) != null);
        if (!resuming) {
            return requested != Capture.AUTO
                    ? requested
                    : nativeSupported.getAsBoolean() ? Capture.NATIVE : Capture.FLINK_CDC;
        }
        Capture recorded = recorded(jobCheckpoints);
        if (requested == Capture.AUTO || requested == recorded) {
            LOG.info(
                    "Capture: {}, the capture this job's checkpoints were written by",
                    name(recorded));
            return recorded;
        }
        throw new ConfigException(
                "This job's checkpoints under "
                        + jobCheckpoints
                        + " were written by the "
                        + name(recorded)
                        + " capture, whose source state --capture "
                        + name(requested)
                        + " cannot resume. Keep --capture "
                        + name(recorded)
                        + " (or auto), or switch captures with a new snapshot into the same lake:"
                        + " --capture "
                        + name(requested)
                        + " --snapshot.new true");
    }

    /** Records the capture a job runs with, for its next start. */
    public static void record(Path jobCheckpoints, Capture capture) throws IOException {
        FileSystem fs = jobCheckpoints.getFileSystem();
        fs.mkdirs(jobCheckpoints);
        try (OutputStream out =
                fs.create(new Path(jobCheckpoints, RECORD), FileSystem.WriteMode.OVERWRITE)) {
            out.write(name(capture).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Capture recorded(Path jobCheckpoints) throws IOException {
        Path file = new Path(jobCheckpoints, RECORD);
        FileSystem fs = file.getFileSystem();
        if (!fs.exists(file)) {
            return Capture.FLINK_CDC;
        }
        try (var in = fs.open(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return Capture.valueOf(text.toUpperCase().replace('-', '_'));
        }
    }

    static String name(Capture capture) {
        return capture.name().toLowerCase().replace('_', '-');
    }
}

package io.historylake.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.config.ConfigException;
import io.historylake.job.config.HistoryLakeOptions;
import io.historylake.job.config.HistoryLakeOptions.Capture;
import io.historylake.job.config.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureChoiceTest {

    @TempDir Path dir;

    @Test
    void autoPicksByTheServerOnAJobsFirstStart() throws Exception {
        assertThat(resolve(Capture.AUTO, false, () -> true)).isEqualTo(Capture.NATIVE);
        assertThat(resolve(Capture.AUTO, false, () -> false)).isEqualTo(Capture.FLINK_CDC);
        assertThat(resolve(Capture.FLINK_CDC, false, () -> true)).isEqualTo(Capture.FLINK_CDC);
    }

    @Test
    void checkpointsWithoutARecordAreTheFlinkCdcCapturesAndAutoKeepsIt() throws Exception {
        checkpoint();
        assertThat(resolve(Capture.AUTO, false, () -> true)).isEqualTo(Capture.FLINK_CDC);
    }

    @Test
    void aJobResumesWithTheCaptureItRecorded() throws Exception {
        checkpoint();
        CaptureChoice.record(jobDir(), Capture.NATIVE);
        assertThat(resolve(Capture.AUTO, false, () -> false)).isEqualTo(Capture.NATIVE);
        assertThat(resolve(Capture.NATIVE, false, () -> false)).isEqualTo(Capture.NATIVE);
    }

    @Test
    void resumingWithTheOtherCaptureIsRefusedWithTheWayToSwitch() throws Exception {
        checkpoint();
        assertThatThrownBy(() -> resolve(Capture.NATIVE, false, () -> true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("written by the flink-cdc capture")
                .hasMessageContaining("--capture native --snapshot.new true");
    }

    @Test
    void aNewSnapshotStartsLikeAFirstStart() throws Exception {
        checkpoint();
        assertThat(resolve(Capture.NATIVE, true, () -> true)).isEqualTo(Capture.NATIVE);
        assertThat(resolve(Capture.AUTO, true, () -> true)).isEqualTo(Capture.NATIVE);
    }

    private Capture resolve(
            Capture requested, boolean snapshotNew, java.util.function.BooleanSupplier server)
            throws Exception {
        Configuration options = new Configuration();
        options.set(HistoryLakeOptions.CAPTURE, requested);
        options.set(RunOptions.SNAPSHOT_NEW, snapshotNew);
        return CaptureChoice.resolve(options, jobDir(), false, server);
    }

    private org.apache.flink.core.fs.Path jobDir() {
        return new org.apache.flink.core.fs.Path(dir.resolve("job-1").toUri());
    }

    private void checkpoint() throws Exception {
        Path chk = dir.resolve("job-1").resolve("0123abcd").resolve("chk-3");
        Files.createDirectories(chk);
        Files.writeString(chk.resolve("_metadata"), "x");
    }
}

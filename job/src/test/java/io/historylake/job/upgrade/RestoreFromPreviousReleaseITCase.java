package io.historylake.job.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint written by the landed main (RocksDB state: row versions, the tables a snapshot read,
 * schema versions, a quarantined table, the source's and sinks' state) restores into this code,
 * which goes on as the old release would have: versions continue, no schema version is made again,
 * the quarantine holds, the snapshot keeps its time.
 */
class RestoreFromPreviousReleaseITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @TempDir Path work;

    @Test
    void theLandedMainsSavepointRestoresAndEveryKindOfStateGoesOn() throws Exception {
        Path savepoint = work.resolve("savepoint");
        FileUtils.copy(
                new org.apache.flink.core.fs.Path(
                        RestoreFromPreviousReleaseITCase.class
                                .getResource(UpgradeCase.RESOURCE)
                                .toURI()),
                new org.apache.flink.core.fs.Path(savepoint.toUri()),
                false);
        FileUtils.deleteDirectory(UpgradeCase.LAKE.getParent().toFile());
        JobClient job = UpgradeCase.start(UpgradeCase.all(), savepoint.toUri().toString());
        Lake lake = new Lake(UpgradeCase.LAKE);
        Lake quarantine = new Lake(UpgradeCase.LAKE.resolve("_quarantine"));
        try {
            lake.awaitRows("shop_orders", 5, "the orders after the restore");
            quarantine.awaitRows("shop_ledger", 1, "the quarantined ledger entry");
        } finally {
            job.cancel().get();
        }

        assertThat(
                        lake.rows(
                                "SELECT id, _op, _row_version, _schema_version, note"
                                        + " FROM shop_orders ORDER BY _binlog_pos NULLS FIRST"))
                .containsExactly(
                        Arrays.asList("9", "r", "1", "2", "z"),
                        Arrays.asList("1", "u", "4", "2", "a4"),
                        Arrays.asList("5", "c", "1", "2", "e"),
                        Arrays.asList("3", "u", "2", "2", "c2"),
                        Arrays.asList("2", "d", "2", "2", "b"));
        String snapshotTime =
                Files.readString(savepoint.resolve("snapshot-event-time-micros")).trim();
        assertThat(lake.rows("SELECT epoch_us(_event_time) FROM shop_orders WHERE _op = 'r'"))
                .containsExactly(List.of(snapshotTime));
        assertThat(quarantine.rows("SELECT id, _schema_version FROM shop_ledger"))
                .containsExactly(List.of("3", "2"));
        assertThat(lake.count("SELECT count(*) FROM shop_ledger")).isZero();
        assertThat(UpgradeCase.LAKE.resolve("_schemas/shop/orders")).doesNotExist();
        LakeAssertions.assertNoDuplicateEventIds(lake, "shop_orders");
    }
}

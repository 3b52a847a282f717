package io.historylake.job.upgrade;

import io.historylake.job.testing.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writes {@link UpgradeCase}'s savepoint with the code at hand, into the directory named by the
 * system property {@code upgrade.write}; run once on a release whose state the next one must read,
 * and commit the directory under {@code src/test/resources/upgrade/}:
 *
 * <pre>mvn -pl job -am test -Dtest=WriteUpgradeSavepoint -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dupgrade.write=$PWD/job/src/test/resources/upgrade/main-NEXT</pre>
 */
@EnabledIfSystemProperty(named = "upgrade.write", matches = ".+")
class WriteUpgradeSavepoint {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();

    @Test
    void writesTheSavepointOfTheUpgradeCase() throws Exception {
        Path target = Path.of(System.getProperty("upgrade.write"));
        FileUtils.deleteDirectory(UpgradeCase.LAKE.getParent().toFile());
        JobClient job = UpgradeCase.start(UpgradeCase.before(), null);
        Lake lake = new Lake(UpgradeCase.LAKE);
        lake.awaitRows("shop_orders", 6, "the orders of the first release");
        lake.awaitRows("shop_ledger", 1, "the ledger's first entry");
        new Lake(UpgradeCase.LAKE.resolve("_quarantine"))
                .awaitRows("shop_ledger", 1, "the quarantined ledger entry");
        List<List<String>> snapshotTime =
                lake.rows("SELECT DISTINCT epoch_us(_event_time) FROM shop_orders WHERE _op = 'r'");

        Path written =
                Path.of(
                        java.net.URI.create(
                                job.stopWithSavepoint(
                                                false,
                                                target.getParent()
                                                        .resolve("tmp-savepoint")
                                                        .toUri()
                                                        .toString(),
                                                SavepointFormatType.NATIVE)
                                        .get()));
        FileUtils.deleteDirectory(target.toFile());
        Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
        FileUtils.deleteDirectory(target.getParent().resolve("tmp-savepoint").toFile());
        Files.writeString(
                target.resolve("snapshot-event-time-micros"), snapshotTime.get(0).get(0) + "\n");
        try (Stream<Path> files = Files.list(target)) {
            System.out.println("Wrote " + target + ": " + files.toList());
        }
    }
}

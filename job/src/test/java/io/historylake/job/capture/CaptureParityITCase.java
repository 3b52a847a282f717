package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake written by Flink CDC continues under the native capture: over the same binlog both
 * captures give the same event ids, images, positions, times and schema files, so switching from
 * one to the other neither duplicates an event nor opens a new schema version.
 */
class CaptureParityITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void bothCapturesGiveTheSameEventsForTheSameBinlog() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE parity",
                AllTypes.createTable().replace(AllTypes.DB + ".", "parity."),
                "CREATE TABLE parity.keyless (seq INT NOT NULL, note VARCHAR(20))");
        String[] from = MYSQL.masterPosition().split(":");
        for (String statement : AllTypes.snapshotRows()) {
            MYSQL.execute(statement.replace(AllTypes.DB + ".", "parity."));
        }
        for (String statement : AllTypes.binlogChanges()) {
            if (!statement.startsWith("SET")) {
                MYSQL.execute(statement.replace(AllTypes.DB + ".", "parity."));
            }
        }
        MYSQL.execute(
                "UPDATE parity.all_types SET id = 100 WHERE id = 1",
                "INSERT INTO parity.keyless VALUES (1, 'a'), (2, 'b')",
                "UPDATE parity.keyless SET note = 'c' WHERE seq = 2",
                "DELETE FROM parity.keyless WHERE seq = 1");
        Lake cdc = run("flink-cdc", from);
        Lake own = run("native", from);
        for (String table : List.of("parity_all_types", "parity_keyless")) {
            String sql =
                    "SELECT * EXCLUDE (_tx_id, _tx_order, _query, dt) FROM \""
                            + table
                            + "\" ORDER BY _event_id";
            List<List<String>> expected = cdc.rows(sql);
            assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
            assertThat(own.rows(sql)).as(table).isEqualTo(expected);
        }
        for (String table : List.of("all_types", "keyless")) {
            Path schema = Path.of("_schemas", "parity", table, "v1.avsc");
            assertThat(Files.readString(own.root().resolve(schema)))
                    .as("schema file of " + table)
                    .isEqualTo(Files.readString(cdc.root().resolve(schema)));
        }
    }

    private Lake run(String capture, String[] from) throws Exception {
        Path dir = work.resolve(capture);
        HistoryLakeMain.start(
                        TestJobs.options(
                                MYSQL,
                                dir,
                                "parity",
                                "--capture",
                                capture,
                                "--startup",
                                "specific-offset",
                                "--startup.binlog-file",
                                from[0],
                                "--startup.binlog-pos",
                                from[1],
                                "--mysql.chunk-key-columns",
                                "parity.keyless=seq",
                                "--until",
                                "now"))
                .getJobExecutionResult()
                .get(3, TimeUnit.MINUTES);
        return new Lake(dir.resolve("lake"));
    }
}

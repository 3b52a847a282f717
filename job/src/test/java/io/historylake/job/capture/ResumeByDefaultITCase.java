package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.config.ConfigException;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same command started again resumes where the job stopped, as Debezium resumes from its
 * offsets: no second snapshot, every change once. A new snapshot into a lake that holds the tables'
 * history needs {@code --snapshot.new true}, and the lake records it.
 */
class ResumeByDefaultITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void theSameCommandStartedAgainResumesWithoutASecondSnapshot() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE again",
                "CREATE TABLE again.counters (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                "INSERT INTO again.counters SELECT seq, 0, 'seed' FROM again.seq_1_to_50");
        Lake lake = new Lake(work.resolve("lake"));
        String from = MYSQL.masterPosition();
        JobClient first = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "again"));
        lake.awaitRows("again_counters", 50, "the snapshot");
        MYSQL.execute("UPDATE again.counters SET n = 1 WHERE id <= 10");
        lake.awaitRows("again_counters", 60, "updates before the stop");
        first.cancel().get();

        MYSQL.execute(
                "UPDATE again.counters SET n = 2, note = 'while down' WHERE id <= 5",
                "INSERT INTO again.counters VALUES (51, 51, 'while down')",
                "DELETE FROM again.counters WHERE id = 50");
        Map<String, Map<String, Long>> truth =
                BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
        JobClient second = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "again"));
        lake.awaitRows("again_counters", 50 + BinlogTruth.total(truth), "the changes once");
        second.cancel().get();

        assertThat(lake.count("SELECT count(*) FROM again_counters WHERE _op = 'r'"))
                .as("one snapshot")
                .isEqualTo(50);
        assertThat(LakeAssertions.binlogCounts(lake, List.of("again.counters"))).isEqualTo(truth);
        LakeAssertions.assertNoDuplicateEventIds(lake, "again_counters");
        LakeAssertions.assertStateEquals(
                MYSQL, lake, "again", "counters", "id", ColumnCheck.counterTable());
        assertThat(Files.readString(Path.of("target/test.log")))
                .contains("the latest checkpoint of this job (same MySQL server, tables and lake)");
    }

    /** A version's schema files (Avro, Athena DDL, the version file) and their bytes. */
    private Map<Path, byte[]> schemaFiles(int version) throws java.io.IOException {
        Map<Path, byte[]> files = new java.util.TreeMap<>();
        for (Path file :
                List.of(
                        work.resolve("lake/_schemas/anew/counters/v" + version + ".avsc"),
                        work.resolve("lake/_schemas/anew/counters/v" + version + ".version"),
                        work.resolve("lake/_athena/anew/counters/v" + version + ".sql"))) {
            if (Files.exists(file)) {
                files.put(file, Files.readAllBytes(file));
            }
        }
        return files;
    }

    @Test
    void aNewSnapshotIntoALakeWithTheTablesHistoryIsAskedForRecordedAndNumberedOnFromItsVersions()
            throws Exception {
        MYSQL.execute(
                "CREATE DATABASE anew",
                "CREATE TABLE anew.counters (id INT PRIMARY KEY, n INT, note VARCHAR(40))",
                "INSERT INTO anew.counters SELECT seq, 0, 'seed' FROM anew.seq_1_to_20");
        Lake lake = new Lake(work.resolve("lake"));
        JobClient first = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "anew"));
        lake.awaitRows("anew_counters", 20, "the snapshot");
        first.cancel().get();
        FileUtils.deleteDirectory(work.resolve("checkpoints").toFile()); // lost checkpoints
        Map<Path, byte[]> v1 = schemaFiles(1);
        assertThat(v1).hasSize(3);

        assertThatThrownBy(() -> HistoryLakeMain.start(TestJobs.options(MYSQL, work, "anew")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("already holds the history of anew.counters")
                .hasMessageContaining("--restore <checkpoint or savepoint>")
                .hasMessageContaining("--snapshot.new true");

        MYSQL.execute("ALTER TABLE anew.counters ADD COLUMN extra INT");
        JobClient again =
                HistoryLakeMain.start(
                        TestJobs.options(MYSQL, work, "anew", "--snapshot.new", "true"));
        lake.awaitRows("anew_counters", 40, "the second snapshot");
        again.cancel().get();
        assertThat(
                        lake.rows(
                                "SELECT _schema_version, count(*) FROM anew_counters"
                                        + " GROUP BY 1 ORDER BY 1"))
                .as("the new snapshot's schema numbered on from the lake's")
                .containsExactly(List.of("1", "20"), List.of("2", "20"));
        assertThat(schemaFiles(1))
                .as("version 1's files as the first run wrote them")
                .allSatisfy((file, bytes) -> assertThat(bytes).isEqualTo(v1.get(file)));
        assertThat(work.resolve("lake/_schemas/anew/counters/v2.avsc"))
                .content()
                .contains("\"extra\"");
        try (Stream<Path> records = Files.list(work.resolve("lake/_snapshots"))) {
            List<Path> files = records.toList();
            assertThat(files).hasSize(1);
            assertThat(files.get(0)).content().contains("\"tables\": [\"anew.counters\"]");
        }
    }
}

package io.historylake.job.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements that change a table without a row event (TRUNCATE, RENAME TABLE) are kept in the
 * table's DDL log, verbatim, with every other DDL of the table; a table created while the job runs
 * is captured from its CREATE TABLE on.
 */
class TableEventsITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void truncateAndRenameTableAreRecordedInTheTablesDdlLog() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE ev",
                "CREATE TABLE ev.t (id INT PRIMARY KEY, v INT)",
                "INSERT INTO ev.t VALUES (1, 1)");
        JobClient job = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "ev"));
        Lake lake = new Lake(work.resolve("lake"));
        lake.awaitRows("ev_t", 1, "the snapshot");
        MYSQL.execute("INSERT INTO ev.t VALUES (2, 2)");
        lake.awaitRows("ev_t", 2, "the binlog phase");
        MYSQL.execute(
                "TRUNCATE TABLE ev.t",
                "INSERT INTO ev.t VALUES (3, 3)",
                "RENAME TABLE ev.t TO ev.t2",
                "INSERT INTO ev.t2 VALUES (4, 4)",
                "ALTER TABLE ev.t2 COMMENT = 'renamed'",
                "INSERT INTO ev.t2 VALUES (5, 5)");
        Path oldLog = work.resolve("lake/_schemas/ev/t/ddl");
        Path newLog = work.resolve("lake/_schemas/ev/t2/ddl");
        Await.until(
                Duration.ofMinutes(1),
                () ->
                        ddlLog(oldLog).size() == 2
                                && ddlLog(newLog).size() == 1
                                && lake.count("SELECT count(*) FROM ev_t2") == 2,
                () -> "waiting for the DDL logs of ev.t and ev.t2");
        job.cancel().get();

        assertThat(ddlLog(oldLog))
                .satisfiesExactly(
                        first -> assertThat(first).contains("TRUNCATE TABLE ev.t;"),
                        second -> assertThat(second).contains("RENAME TABLE ev.t TO ev.t2;"));
        assertThat(ddlLog(newLog).get(0)).contains("ALTER TABLE ev.t2 COMMENT = 'renamed'");
        assertThat(work.resolve("lake/_schemas/ev/t2/v1.avsc"))
                .content()
                .contains("\"history_lake.ddl\" : \"RENAME TABLE ev.t TO ev.t2\"");
    }

    @Test
    void aTableCreatedWhileTheJobRunsIsSeenWholeFromItsCreateTableAndVersionsItsRows()
            throws Exception {
        MYSQL.execute(
                "CREATE DATABASE born",
                "CREATE TABLE born.seed (id INT PRIMARY KEY)",
                "INSERT INTO born.seed VALUES (1)");
        JobClient job = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "born"));
        Lake lake = new Lake(work.resolve("lake"));
        lake.awaitRows("born_seed", 1, "the snapshot");
        MYSQL.execute(
                "CREATE TABLE born.n (id INT PRIMARY KEY, v INT)",
                "INSERT INTO born.n VALUES (1, 1), (2, 2)",
                "UPDATE born.n SET v = 10 WHERE id = 1",
                "DELETE FROM born.n WHERE id = 2",
                "INSERT INTO born.n VALUES (2, 20)",
                "UPDATE born.n SET id = 3 WHERE id = 2");
        lake.awaitRows("born_n", 7, "the new table's rows");
        job.cancel().get();

        // the enrichment step saw the table's CREATE TABLE, so it knows the table whole: its
        // inserts keep no version state, and the next change of each row continues at 2
        assertThat(work.resolve("lake/_schemas/born/n/v1.avsc"))
                .content()
                .contains("\"history_lake.ddl\" : \"CREATE TABLE born.n");
        assertThat(
                        lake.rows(
                                "SELECT id, _op, _row_version FROM born_n"
                                        + " ORDER BY _binlog_pos, _row_in_event, _op DESC"))
                .containsExactly(
                        List.of("1", "c", "1"),
                        List.of("2", "c", "1"),
                        List.of("1", "u", "2"),
                        List.of("2", "d", "2"),
                        List.of("2", "c", "3"),
                        List.of("2", "d", "4"),
                        List.of("3", "c", "1"));
    }

    /** The DDL log's statements in binlog order. */
    private static List<String> ddlLog(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sql"))
                    .sorted(
                            (a, b) ->
                                    Long.compare(
                                            position(a.getFileName().toString()),
                                            position(b.getFileName().toString())))
                    .map(TableEventsITCase::read)
                    .toList();
        }
    }

    private static long position(String name) {
        return Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - 4));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.ColumnCheck;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB's system-versioned tables (created with versioning, converted while captured, with
 * explicit period columns) and invisible columns, on the native capture: the lake's current rows
 * equal {@code SELECT *}, the history rows MariaDB writes for each update and delete never change a
 * current row, and every versioning DDL is in the table's DDL log.
 */
class SystemVersionedTablesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final List<ColumnCheck> COLUMNS =
            List.of(ColumnCheck.text("id", "INT"), ColumnCheck.text("n", "INT"));

    @TempDir Path work;

    @Test
    void currentRowsMatchMySqlAndHistoryRowsNeverOverwriteThem() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE sv",
                "CREATE TABLE sv.created (id INT PRIMARY KEY, n INT) WITH SYSTEM VERSIONING",
                "CREATE TABLE sv.converted (id INT PRIMARY KEY, n INT)",
                "CREATE TABLE sv.explicit (id INT PRIMARY KEY, n INT,"
                        + " s TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
                        + " e TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,"
                        + " PERIOD FOR SYSTEM_TIME (s, e)) WITH SYSTEM VERSIONING",
                "CREATE TABLE sv.hidden (id INT PRIMARY KEY, n INT, secret INT INVISIBLE)",
                "CREATE TABLE sv.app (id INT PRIMARY KEY, n INT, d1 DATE, d2 DATE,"
                        + " PERIOD FOR valid (d1, d2))",
                "INSERT INTO sv.app VALUES (1, 1, '2024-01-01', '2025-01-01')");
        for (String table : List.of("created", "converted", "explicit")) {
            MYSQL.execute(
                    "INSERT INTO sv." + table + " VALUES (1, 1), (2, 2), (3, 3)",
                    "UPDATE sv." + table + " SET n = 22 WHERE id = 2");
        }
        MYSQL.execute("INSERT INTO sv.hidden (id, n, secret) VALUES (1, 1, 100)");
        JobClient job =
                HistoryLakeMain.start(TestJobs.options(MYSQL, work, "sv", "--capture", "native"));
        Lake lake = new Lake(work.resolve("lake"));
        lake.awaitRows("sv_hidden", 1, "the snapshot");

        MYSQL.execute("ALTER TABLE sv.converted ADD SYSTEM VERSIONING");
        for (String table : List.of("created", "converted", "explicit")) {
            MYSQL.execute(
                    "INSERT INTO sv." + table + " VALUES (4, 4)",
                    "UPDATE sv." + table + " SET n = 20 WHERE id = 2",
                    "DELETE FROM sv." + table + " WHERE id = 1",
                    "UPDATE sv." + table + " SET id = 30 WHERE id = 3");
        }
        MYSQL.execute(
                "ALTER TABLE sv.converted DROP SYSTEM VERSIONING",
                "UPDATE sv.converted SET n = 40 WHERE id = 4",
                "INSERT INTO sv.hidden (id, n, secret) VALUES (2, 2, 200)",
                "UPDATE sv.hidden SET secret = 101 WHERE id = 1",
                "INSERT INTO sv.hidden (id, n, secret) VALUES (3, 3, 300)",
                "DELETE FROM sv.hidden WHERE id = 3",
                "UPDATE sv.hidden SET id = 20 WHERE id = 2",
                "INSERT INTO sv.app VALUES (2, 2, '2024-01-01', '2024-06-01')",
                "UPDATE sv.app SET n = 11 WHERE id = 1");
        Await.until(
                Duration.ofMinutes(2),
                () -> equal(lake),
                () -> "lake differs from MySQL: " + TestJobs.describe(job));
        job.cancel().get();

        for (String table : List.of("created", "converted", "explicit")) {
            LakeAssertions.assertStateEquals(MYSQL, lake, "sv", table, "id", COLUMNS);
            LakeAssertions.assertNoDuplicateEventIds(lake, "sv_" + table);
            assertThat(
                            lake.rows(
                                    "SELECT count(*) FROM sv_"
                                            + table
                                            + " WHERE id = 2 AND _op = 'c'"))
                    .as("no history row of %s lands as an insert", table)
                    .containsExactly(List.of("0"));
        }
        LakeAssertions.assertStateEquals(
                MYSQL,
                lake,
                "sv",
                "hidden",
                "id",
                List.of(
                        ColumnCheck.text("id", "INT"),
                        ColumnCheck.text("n", "INT"),
                        ColumnCheck.text("secret", "INT")));
        try (Stream<Path> ddl = Files.list(lake.root().resolve("_schemas/sv/converted/ddl"))) {
            String log = String.join("\n", ddl.map(SystemVersionedTablesITCase::read).toList());
            assertThat(log).contains("ADD SYSTEM VERSIONING").contains("DROP SYSTEM VERSIONING");
        }
    }

    private static boolean equal(Lake lake) {
        try {
            for (String table : List.of("created", "converted", "explicit")) {
                LakeAssertions.assertStateEquals(MYSQL, lake, "sv", table, "id", COLUMNS);
            }
            LakeAssertions.assertStateEquals(MYSQL, lake, "sv", "app", "id", COLUMNS);
            return lake.count("SELECT count(*) FROM sv_hidden") == 7;
        } catch (AssertionError | Exception e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

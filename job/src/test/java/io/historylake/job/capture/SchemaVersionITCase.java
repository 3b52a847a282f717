package io.historylake.job.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Await;
import io.historylake.job.testing.BinlogTruth;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LakeAssertions;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DDL while the job reads the binlog: rows after it land under the next schema version, no part
 * file mixes versions, and SQL reads every version of the table together.
 */
class SchemaVersionITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void rowsAfterAnAddColumnLandUnderTheNextVersionInTheirOwnFiles() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE evolving",
                "CREATE TABLE evolving.items (id INT PRIMARY KEY, v INT)",
                "INSERT INTO evolving.items VALUES (1, 1)");
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(MYSQL, work, "evolving", "--checkpoint.interval", "3s"));
        Lake lake = new Lake(work.resolve("lake"));
        lake.awaitRows("evolving_items", 1, "the snapshot");

        // The binlog reader takes table schemas from the live database when it starts, so the DDL
        // must come once it is reading: wait for a first binlog row to land.
        String from = MYSQL.masterPosition();
        MYSQL.execute("INSERT INTO evolving.items VALUES (2, 2)");
        Await.until(
                Duration.ofMinutes(2),
                () -> lake.count("SELECT count(*) FROM evolving_items WHERE _op = 'c'") == 1,
                () -> "waiting for the binlog phase");
        MYSQL.execute(
                "UPDATE evolving.items SET v = 10 WHERE id = 1",
                "ALTER TABLE evolving.items ADD COLUMN note VARCHAR(20)",
                "INSERT INTO evolving.items VALUES (3, 3, 'after ddl')",
                "UPDATE evolving.items SET note = 'noted' WHERE id = 1");
        String to = MYSQL.masterPosition();
        Map<String, Map<String, Long>> truth = BinlogTruth.count(MYSQL, from, to);
        Await.until(
                Duration.ofMinutes(2),
                () -> LakeAssertions.binlogCounts(lake, List.of("evolving.items")).equals(truth),
                () -> "lake vs binlog " + truth);
        job.cancel().get();

        assertThat(
                        lake.rows(
                                "SELECT id, _op, _schema_version, v, note FROM evolving_items ORDER BY _binlog_file NULLS FIRST, _binlog_pos NULLS FIRST"))
                .containsExactly(
                        Arrays.asList("1", "r", "1", "1", null),
                        Arrays.asList("2", "c", "1", "2", null),
                        Arrays.asList("1", "u", "1", "10", null),
                        Arrays.asList("3", "c", "2", "3", "after ddl"),
                        Arrays.asList("1", "u", "2", "10", "noted"));
        assertThat(
                        lake.rows(
                                "SELECT filename FROM read_parquet('"
                                        + work.resolve("lake/evolving/items")
                                        + "/**/*.parquet', filename = true, union_by_name = true)"
                                        + " GROUP BY filename HAVING count(DISTINCT _schema_version) > 1"))
                .as("part files mixing schema versions")
                .isEmpty();

        Path schemas = work.resolve("lake/_schemas/evolving/items");
        assertThat(schemas.resolve("v1.avsc"))
                .content()
                .contains("\"name\" : \"v\"")
                .doesNotContain("\"note\"");
        assertThat(schemas.resolve("v2.avsc"))
                .content()
                .contains("\"name\" : \"note\"")
                .contains("ALTER TABLE evolving.items ADD COLUMN note VARCHAR(20)");
        Path athena = work.resolve("lake/_athena/evolving/items");
        assertThat(athena.resolve("v1.sql"))
                .content()
                .startsWith(
                        "CREATE EXTERNAL TABLE IF NOT EXISTS `history_lake`.`evolving_items_files`");
        assertThat(athena.resolve("v2.sql"))
                .content()
                .startsWith(
                        "-- schema guard verdict:\n"
                                + "-- COMPATIBLE ADD_COLUMN on column 'note' (VARCHAR(20)) by:"
                                + " ALTER TABLE evolving.items ADD COLUMN note VARCHAR(20)\n"
                                + "ALTER TABLE `history_lake`.`evolving_items_files`"
                                + " ADD COLUMNS (`note` string);\n"
                                + "CREATE OR REPLACE VIEW \"history_lake\".\"evolving_items\" AS\n");
    }
}

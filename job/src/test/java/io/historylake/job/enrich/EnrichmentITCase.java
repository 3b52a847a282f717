package io.historylake.job.enrich;

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
 * On real MariaDB, SQL over the lake answers "who changed row X, when, which columns, in which
 * transaction": row versions, changed columns, users from the row's columns, a transaction over two
 * tables reassembled in order, and a primary-key update as a flagged delete and insert.
 */
class EnrichmentITCase {

    @RegisterExtension static final MiniClusterExtension FLINK = new MiniClusterExtension();
    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    @TempDir Path work;

    @Test
    void theLakeTellsWhoChangedEachRowWhenWhichColumnsAndInWhichTransaction() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE audit",
                "CREATE TABLE audit.inspections (id INT PRIMARY KEY, status VARCHAR(20), score INT,"
                        + " created_by VARCHAR(40), updated_by VARCHAR(40))",
                "CREATE TABLE audit.notes (id INT PRIMARY KEY, inspection_id INT, body VARCHAR(100),"
                        + " created_by VARCHAR(40))",
                "INSERT INTO audit.inspections VALUES (1, 'scheduled', NULL, 'seed', NULL)",
                "INSERT INTO audit.notes VALUES (100, 1, 'seed', 'seed')");
        JobClient job = HistoryLakeMain.start(TestJobs.options(MYSQL, work, "audit"));
        Lake lake = new Lake(work.resolve("lake"));
        Await.until(
                Duration.ofMinutes(2),
                // every table's snapshot must have landed before the changes start
                () ->
                        lake.count("SELECT count(*) FROM audit_inspections") == 1
                                && lake.count("SELECT count(*) FROM audit_notes") == 1,
                () -> "waiting for the snapshot");

        String from = MYSQL.masterPosition();
        MYSQL.execute(
                "INSERT INTO audit.inspections VALUES (2, 'scheduled', NULL, 'ann', NULL)",
                "UPDATE audit.inspections SET status = 'in_progress', updated_by = 'bob' WHERE id = 1",
                "UPDATE audit.inspections SET score = 80, updated_by = 'bob' WHERE id = 1",
                // sets identical values: MariaDB writes no row event for it
                // identical values: MariaDB writes no row event for this one
                "UPDATE audit.inspections SET score = 80 WHERE id = 1");
        MYSQL.transaction(
                List.of(
                        "UPDATE audit.inspections SET status = 'passed', score = 91, updated_by = 'cy' WHERE id = 1",
                        "INSERT INTO audit.notes VALUES (1, 1, 'all good', 'cy')",
                        "INSERT INTO audit.notes VALUES (2, 1, 'signed', 'cy')"));
        MYSQL.execute(
                "UPDATE audit.inspections SET id = 20, updated_by = 'dee' WHERE id = 2",
                "DELETE FROM audit.notes WHERE id = 2");
        Map<String, Map<String, Long>> truth =
                BinlogTruth.count(MYSQL, from, MYSQL.masterPosition());
        Await.until(
                Duration.ofMinutes(2),
                () ->
                        binlogRows(lake)
                                == BinlogTruth.total(truth) + 1, // the key update lands twice
                () -> "lake " + safe(lake) + " vs binlog " + truth);
        job.cancel().get();

        assertThat(
                        lake.rows(
                                "SELECT _row_version, _op, status, score, _user_id,"
                                        + " array_to_string(_changed_columns, ',')"
                                        + " FROM audit_inspections WHERE id = 1 ORDER BY _row_version"))
                .containsExactly(
                        Arrays.asList("1", "r", "scheduled", null, "seed", null),
                        Arrays.asList("2", "u", "in_progress", null, "bob", "status,updated_by"),
                        Arrays.asList("3", "u", "in_progress", "80", "bob", "score"),
                        Arrays.asList("4", "u", "passed", "91", "cy", "status,score,updated_by"));

        List<List<String>> transaction =
                lake.rows(
                        "WITH tx AS (SELECT _tx_id FROM audit_notes WHERE id = 1 AND _op = 'c')"
                                + " SELECT t, id, _op FROM ("
                                + " SELECT 'inspections' AS t, id, _op, _tx_id, _tx_order FROM audit_inspections"
                                + " UNION ALL SELECT 'notes', id, _op, _tx_id, _tx_order FROM audit_notes)"
                                + " WHERE _tx_id = (SELECT _tx_id FROM tx) ORDER BY _tx_order");
        assertThat(transaction)
                .containsExactly(
                        List.of("inspections", "1", "u"),
                        List.of("notes", "1", "c"),
                        List.of("notes", "2", "c"));

        assertThat(
                        lake.rows(
                                "SELECT id, _op, _pk_changed, _row_version, _user_id FROM audit_inspections"
                                        + " WHERE id IN (2, 20) ORDER BY _binlog_pos, _op DESC"))
                .containsExactly(
                        List.of("2", "c", "false", "1", "ann"),
                        List.of("2", "d", "true", "2", "dee"),
                        List.of("20", "c", "true", "1", "dee"));
        assertThat(lake.rows("SELECT _user_id FROM audit_notes WHERE id = 2 AND _op = 'd'"))
                .as("a delete is attributed from the before image")
                .containsExactly(Arrays.asList((String) null));
        LakeAssertions.assertNoDuplicateEventIds(lake, "audit_inspections");
        LakeAssertions.assertNoDuplicateEventIds(lake, "audit_notes");
    }

    private static long binlogRows(Lake lake) throws Exception {
        return BinlogTruth.total(
                LakeAssertions.binlogCounts(lake, List.of("audit.inspections", "audit.notes")));
    }

    private static String safe(Lake lake) {
        try {
            return LakeAssertions.binlogCounts(lake, List.of("audit.inspections", "audit.notes"))
                    .toString();
        } catch (Exception e) {
            return e.toString();
        }
    }
}

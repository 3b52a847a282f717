package io.historylake.job.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.HistoryLakeMain;
import io.historylake.job.testing.Lake;
import io.historylake.job.testing.LocalMariaDb;
import io.historylake.job.testing.TestJobs;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On MariaDB the native capture reads each row event's statement (ANNOTATE_ROWS) and the
 * transaction's GTID: sqlcommenter tags become {@code _user_id} and {@code _request_id}, the text
 * {@code _query}, and {@code _tx_id} is the GTID. (The Flink CDC capture never asks MariaDB for the
 * statement text: the columns stay null there.)
 */
class MariaDbStatementTextITCase {

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
    void sqlcommenterTagsStatementAndGtidLandWithEachRow() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE shop",
                "CREATE TABLE shop.orders (id INT PRIMARY KEY, total DECIMAL(10,2))",
                "INSERT INTO shop.orders VALUES (1, 10.00)");
        JobClient job =
                HistoryLakeMain.start(
                        TestJobs.options(MYSQL, work, "shop", "--capture-query", "true"));
        Lake lake = new Lake(work.resolve("lake"));
        lake.awaitRows("shop_orders", 1, "snapshot");
        MYSQL.execute(
                "UPDATE shop.orders SET total = 12.50 WHERE id = 1"
                        + " /*request_id='req-42',user_id='alice%40example.com'*/",
                "INSERT INTO shop.orders VALUES (2, 3.00), (3, 4.00) /*user_id='bob'*/");
        MYSQL.transaction(
                List.of(
                        "DELETE FROM shop.orders WHERE id = 3 /*request_id='req-43'*/",
                        "UPDATE shop.orders SET total = 0 WHERE id = 2"));
        lake.awaitRows("shop_orders", 6, "binlog changes");
        job.cancel().get();

        List<List<String>> rows =
                lake.rows(
                        "SELECT id, _op, _user_id, _request_id, _query, _tx_id FROM shop_orders"
                                + " WHERE _op <> 'r' ORDER BY _binlog_pos, _row_in_event");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).subList(0, 5))
                .containsExactly(
                        "1",
                        "u",
                        "alice@example.com",
                        "req-42",
                        "UPDATE shop.orders SET total = 12.50 WHERE id = 1"
                                + " /*request_id='req-42',user_id='alice%40example.com'*/");
        assertThat(rows.get(1).subList(0, 4)).containsExactly("2", "c", "bob", null);
        assertThat(rows.get(2).subList(0, 4)).containsExactly("3", "c", "bob", null);
        assertThat(rows.get(3).subList(0, 4)).containsExactly("3", "d", null, "req-43");
        assertThat(rows.get(4).subList(0, 5))
                .containsExactly(
                        "2", "u", null, null, "UPDATE shop.orders SET total = 0 WHERE id = 2");
        for (List<String> row : rows) {
            assertThat(row.get(5)).as("the MariaDB GTID").matches("0-1-\\d+");
        }
        assertThat(rows.get(3).get(5)).as("one transaction").isEqualTo(rows.get(4).get(5));
        assertThat(rows.get(1).get(5)).isNotEqualTo(rows.get(0).get(5));
    }
}

package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.CdcEvent;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeenWholeTest {

    @ParameterizedTest(name = "{0} -> starts empty: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE TABLE t (id INT PRIMARY KEY)|true",
                "create or replace table `shop`.`t` (id int)|true",
                "/* app */ CREATE TABLE t LIKE u|true",
                "CREATE TABLE t AS SELECT * FROM u|true",
                "CREATE TABLE IF NOT EXISTS t (id INT)|false",
                "CREATE TEMPORARY TABLE t (id INT)|false",
                "RENAME TABLE u TO t|false",
                "ALTER TABLE u RENAME TO t|false",
                "ALTER TABLE t RENAME COLUMN a TO b|false",
                "ALTER TABLE t ADD COLUMN c INT|false",
                "TRUNCATE TABLE t|false",
                "DROP TABLE t|false"
            })
    void onlyACreateTableStartsItsTableEmpty(String ddl, boolean startsEmpty) {
        assertThat(SeenWhole.startsEmpty(ddl)).isEqualTo(startsEmpty);
    }

    @Test
    void rowsOfATableTheSnapshotReadAreMarkedSeenWhole() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(Changes.snapshot(2, "b"), 2);
            harness.processElement(Changes.update(2, "b", "c", 200), 3);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::tableSeenWhole)
                    .containsExactly(false, true, true);
        }
    }

    @Test
    void aCreateTableStartsSeeingATableWholeAcrossARestoreAndARenameIntoItKeepsThat()
            throws Exception {
        OperatorSubtaskState checkpoint;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(ddl("CREATE TABLE IF NOT EXISTS orders (id INT)"), 2);
            harness.processElement(Changes.insert(2, "b", 200), 3);
            harness.processElement(ddl("DROP TABLE orders"), 4);
            harness.processElement(ddl("CREATE TABLE orders (id INT, note TEXT)"), 5);
            harness.processElement(Changes.insert(3, "c", 300), 6);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::tableSeenWhole)
                    .containsExactly(false, false, true);
            checkpoint = harness.snapshot(1L, 1L);
        }
        try (var harness = harness()) {
            harness.initializeState(checkpoint);
            harness.open();
            harness.processElement(Changes.update(3, "c", "d", 400), 7);
            // an online schema change renames its copy of the table in: the same rows
            harness.processElement(
                    ddl("RENAME TABLE orders TO _orders_del, _orders_gho TO orders"), 8);
            harness.processElement(Changes.update(3, "d", "e", 500), 9);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::tableSeenWhole)
                    .containsExactly(true, true);
        }
    }

    private static SchemaChange ddl(String sql) {
        return new SchemaChange(Changes.TABLE, sql, 0L, null, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness()
            throws Exception {
        return Harnesses.enricher(new LakeEnricher());
    }
}

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

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "CREATE TABLE t (id INT PRIMARY KEY)|STARTS_EMPTY",
                "create or replace table `shop`.`t` (id int)|STARTS_EMPTY",
                "/* app */ CREATE TABLE t LIKE u|STARTS_EMPTY",
                "CREATE TABLE t AS SELECT * FROM u|STARTS_EMPTY",
                "CREATE TABLE IF NOT EXISTS t (id INT)|UNCHANGED",
                "CREATE TEMPORARY TABLE t (id INT)|UNCHANGED",
                "RENAME TABLE u TO t|BRINGS_UNSEEN_ROWS",
                "ALTER TABLE u RENAME TO t|BRINGS_UNSEEN_ROWS",
                "ALTER TABLE t RENAME COLUMN a TO b|UNCHANGED",
                "ALTER TABLE t ADD COLUMN c INT|UNCHANGED",
                "TRUNCATE TABLE t|UNCHANGED",
                "DROP TABLE t|UNCHANGED"
            })
    void aStatementTellsWhetherTheJobStillSeesEveryRowOfItsTable(String ddl, SeenWhole effect) {
        assertThat(SeenWhole.of(ddl)).isEqualTo(effect);
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
    void aCreateTableStartsAndARenameIntoTheTableEndsSeeingItWholeAcrossARestore()
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
            harness.processElement(ddl("RENAME TABLE old_orders TO orders"), 8);
            harness.processElement(Changes.update(4, "x", "y", 500), 9);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::tableSeenWhole)
                    .containsExactly(true, false);
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

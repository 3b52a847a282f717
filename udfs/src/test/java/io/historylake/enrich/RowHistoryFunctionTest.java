package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.serde.CdcTypeInfo;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class RowHistoryFunctionTest {

    private static final RowKey KEY = new RowKey();

    @Test
    void aRowsVersionsCountEveryChangeAndContinueAfterADeleteAndReinsert() throws Exception {
        try (var harness = harness(false)) {
            harness.open();
            step(harness, Changes.insert(1, "a", 100), 1L, List.of());
            step(harness, Changes.update(1, "a", "b", 200), 2L, List.of("note"));
            step(harness, Changes.update(1, "b", "c", 300), 3L, List.of("note"));
            step(harness, Changes.delete(1, "c", 400), 4L, List.of());
            step(harness, Changes.insert(1, "again", 500), 5L, List.of());
            step(harness, Changes.insert(2, "other row", 600), 1L, List.of());
            assertThat(state(harness, Changes.insert(1, "", 0))).isEqualTo(5L);
            assertThat(state(harness, Changes.insert(2, "", 0))).isEqualTo(1L);
        }
    }

    @Test
    void aSnapshotReadIsTheFirstVersionOfARowAndKeepsNoState() throws Exception {
        try (var harness = harness(false)) {
            harness.open();
            step(harness, Changes.snapshot(7, "seed"), 1L, List.of());
            // the same chunk read again after a restore: the same version, not a second one
            step(harness, Changes.snapshot(7, "seed"), 1L, List.of());
            assertThat(harness.numKeyedStateEntries()).isZero();
            // the enrichment step marks the later changes of a snapshotted table as seen whole
            step(harness, whole(Changes.update(7, "seed", "x", 100)), 2L, List.of("note"));
            step(harness, Changes.snapshot(8, "seed"), 1L, List.of());
            step(harness, whole(Changes.delete(8, "seed", 200)), 2L, List.of());
            step(harness, whole(Changes.insert(8, "again", 300)), 3L, List.of());
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void anInsertIntoATableSeenWholeKeepsNoStateAndTheRowsNextChangeIsVersionTwo()
            throws Exception {
        try (var harness = harness(false)) { // e.g. a table created after the job started
            harness.open();
            step(harness, whole(Changes.insert(1, "a", 100)), 1L, List.of());
            step(harness, whole(Changes.insert(2, "b", 110)), 1L, List.of());
            assertThat(harness.numKeyedStateEntries()).isZero();
            step(harness, whole(Changes.update(1, "a", "b", 200)), 2L, List.of("note"));
            step(harness, whole(Changes.delete(1, "b", 300)), 3L, List.of());
            step(harness, whole(Changes.insert(1, "again", 400)), 4L, List.of());
            step(harness, whole(Changes.delete(2, "b", 500)), 2L, List.of());
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
        }
    }

    @Test
    void aRowOfATableNotSeenWholeStartsAtVersionOneAndEveryChangeKeepsItsVersion()
            throws Exception {
        try (var harness = harness(false)) { // e.g. started from a binlog position
            harness.open();
            step(harness, Changes.update(7, "seed", "x", 100), 1L, List.of("note"));
            step(harness, Changes.delete(8, "seed", 200), 1L, List.of());
            // the row may have existed before the job started: its insert must keep a version
            step(harness, Changes.insert(9, "new", 300), 1L, List.of());
            step(harness, Changes.update(9, "new", "x", 400), 2L, List.of("note"));
        }
    }

    @Test
    void theVersionsSurviveARestore() throws Exception {
        OperatorSubtaskState checkpoint;
        try (var harness = harness(false)) {
            harness.open();
            step(harness, Changes.insert(7, "seed", 100), 1L, List.of());
            step(harness, whole(Changes.update(8, "seed", "x", 200)), 2L, List.of("note"));
            checkpoint = harness.snapshot(1L, 1L);
        }
        try (var harness = harness(false)) {
            harness.initializeState(checkpoint);
            harness.open();
            step(harness, Changes.update(7, "seed", "x", 300), 2L, List.of("note"));
            step(harness, Changes.delete(8, "x", 400), 3L, List.of());
        }
    }

    @Test
    void aNoOpUpdateIsKeptWithAnEmptyListOfChangedColumns() throws Exception {
        try (var harness = harness(false)) {
            harness.open();
            step(harness, Changes.insert(1, "a", 100), 1L, List.of());
            step(harness, Changes.update(1, "a", "a", 200), 2L, List.of());
            assertThat(Harnesses.output(harness)).hasSize(2);
        }
    }

    @Test
    void aPrimaryKeyUpdateVersionsTheOldAndTheNewKeySeparately() throws Exception {
        try (var harness = harness(false)) {
            harness.open();
            step(harness, Changes.insert(1, "a", 100), 1L, List.of());
            RowChange oldKey = Changes.delete(1, "a", 200).withSource(null, null, "tx", 1, true);
            RowChange newKey = Changes.insert(9, "a", 200).withSource(null, null, "tx", 2, true);
            step(harness, oldKey, 2L, List.of());
            step(harness, newKey, 1L, List.of());
            assertThat(Harnesses.output(harness).subList(1, 3)).allMatch(RowChange::pkChanged);
        }
    }

    @Test
    void statementTagsAttributeTheChangeAndTheStatementIsDroppedUnlessCaptured() throws Exception {
        RowChange tagged =
                Changes.update(1, "a", "b", 100)
                        .withSource(
                                null,
                                "UPDATE orders SET note='b' /*user_id='15016',request_id='abc-123'*/",
                                "tx",
                                0,
                                false);
        try (var harness = harness(false)) {
            harness.open();
            harness.processElement(tagged, 1);
            RowChange out = Harnesses.output(harness).get(0);
            assertThat(out.history())
                    .isEqualTo(new RowHistory(1L, List.of("note"), "15016", "abc-123"));
            assertThat(out.query()).isNull();
        }
        try (var harness = harness(true)) {
            harness.open();
            harness.processElement(tagged, 1);
            assertThat(Harnesses.output(harness).get(0).query()).isEqualTo(tagged.query());
        }
    }

    private static void step(
            KeyedOneInputStreamOperatorTestHarness<String, RowChange, RowChange> harness,
            RowChange change,
            long version,
            List<String> changed)
            throws Exception {
        harness.processElement(change, 1);
        List<RowChange> out = Harnesses.output(harness);
        RowHistory history = out.get(out.size() - 1).history();
        assertThat(history.version()).as("version after %s", change).isEqualTo(version);
        assertThat(history.changedColumns()).isEqualTo(changed);
        boolean stateless =
                change.op() == Op.READ
                        || (change.op() == Op.CREATE && change.tableSeenWhole() && version == 1);
        assertThat(state(harness, change)).isEqualTo(stateless ? null : version);
        if (change.op() != Op.UPDATE) {
            assertThat(history.changedColumns()).isEmpty();
        }
    }

    private static RowChange whole(RowChange change) {
        return Changes.seenWhole(change);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RowChange, RowChange> harness(
            boolean captureQuery) throws Exception {
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new RowHistoryFunction(AttributionRules.defaults(), captureQuery)),
                        KEY,
                        Types.STRING);
        harness.setup(
                CdcTypeInfo.ROWS.createSerializer(
                        harness.getExecutionConfig().getSerializerConfig()));
        return harness;
    }

    private static Long state(
            KeyedOneInputStreamOperatorTestHarness<String, RowChange, RowChange> harness,
            RowChange forKey)
            throws Exception {
        return Harnesses.value(harness, KEY.getKey(forKey), "row-version", Types.LONG);
    }
}

package io.historylake.enrich;

import static io.historylake.enrich.EnricherHarness.harness;
import static io.historylake.enrich.EnricherHarness.pending;
import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The halves of a primary-key update, paired by the enrichment step. */
class KeyUpdatePairingTest {

    @Test
    void theDeleteHalfOfAPrimaryKeyUpdateWaitsForItsInsertHalfAndTakesTheNewRow() throws Exception {
        RowChange oldKey = Changes.delete(1, "a", 200).withSource(null, null, "tx", 1, true);
        RowChange newKey = Changes.insert(9, "b", 200).withSource(null, null, "tx", 1, true);
        try (var harness = harness()) {
            harness.open();
            harness.processElement(oldKey, 1);
            assertThat(Harnesses.output(harness)).isEmpty();
            assertThat(pending(harness)).isEqualTo(oldKey);
            assertThat(harness.numEventTimeTimers()).as("the flush timer").isEqualTo(1);

            harness.processElement(newKey, 2);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::op)
                    .containsExactly(Op.DELETE, Op.CREATE);
            assertThat(Harnesses.output(harness).get(0).after()).containsExactly(9, "b");
            assertThat(Harnesses.output(harness).get(0).image()).containsExactly(1, "a");
            assertThat(pending(harness)).isNull();
            assertThat(harness.numEventTimeTimers()).as("the flush timer is gone").isZero();
            assertThat(harness.numKeyedStateEntries()).as("version and history").isEqualTo(2);
        }
    }

    @Test
    void aDeleteHeldAtACheckpointIsPairedWithItsInsertHalfAfterARestore() throws Exception {
        RowChange oldKey = Changes.delete(1, "a", 200).withSource(null, null, "tx", 1, true);
        RowChange newKey = Changes.insert(9, "b", 200).withSource(null, null, "tx", 1, true);
        OperatorSubtaskState checkpoint;
        try (var harness = harness()) {
            harness.open();
            harness.processElement(Changes.insert(5, "e", 100), 1); // the table's version is set
            harness.processElement(oldKey, 2);
            checkpoint = harness.snapshot(1, 10);
        }
        try (var restored = harness()) {
            restored.initializeState(checkpoint);
            restored.open();
            restored.processElement(newKey, 3);
            assertThat(Harnesses.output(restored))
                    .extracting(RowChange::op, RowChange::schemaVersion)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Op.DELETE, 1),
                            org.assertj.core.groups.Tuple.tuple(Op.CREATE, 1));
            assertThat(Harnesses.output(restored).get(0).after()).containsExactly(9, "b");
            assertThat(pending(restored)).isNull();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aHeldDeleteIsFlushedAtTheEndOfABoundedRun() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(
                    Changes.delete(1, "a", 200).withSource(null, null, "tx", 1, true), 1);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::op)
                    .containsExactly(Op.DELETE);
            assertThat(pending(harness)).isNull();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}

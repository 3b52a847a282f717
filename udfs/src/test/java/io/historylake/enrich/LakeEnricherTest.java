package io.historylake.enrich;

import static io.historylake.enrich.EnricherHarness.harness;
import static io.historylake.enrich.EnricherHarness.snapshotTime;
import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import java.util.List;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/**
 * The enrichment step as a whole: snapshot times, event ids, and what a replay gives; its parts
 * have their own tests ({@link SchemaVersionsTest}, {@link KeyUpdatePairingTest}).
 */
class LakeEnricherTest {

    @Test
    void snapshotReadsCarryTheWholeSecondBeforeTheSnapshotsFirstRowKeptInState() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.setProcessingTime(5_900);
            harness.processElement(Changes.snapshot(1, "a"), 1);
            harness.setProcessingTime(9_000);
            harness.processElement(Changes.snapshot(2, "b"), 2);

            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::eventTimeMicros)
                    .containsExactly(4_000_000L, 4_000_000L);
            assertThat(snapshotTime(harness)).isEqualTo(5_900_000L);
            // snapshot time, seen whole, the table's version and its history; no timer
            assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aBinlogChangeCommittedInTheSecondOfTheSnapshotSortsAfterIt() throws Exception {
        try (var harness = harness()) {
            harness.open();
            // the first row 0.9 s into the second that the update, committed after it, is in:
            // the binlog gives the update that whole second, not its milliseconds
            harness.setProcessingTime(Changes.TIME / 1000 + 900);
            harness.processElement(Changes.snapshot(1, "a"), 1);
            harness.processElement(Changes.update(1, "a", "z", 5_000), 2);

            List<RowChange> out = Harnesses.output(harness);
            assertThat(out.get(1).eventTimeMicros()).isGreaterThan(out.get(0).eventTimeMicros());
        }
    }

    @Test
    void aReplayFromACheckpointYieldsTheSameVersionsAndIds() throws Exception {
        OperatorSubtaskState checkpoint;
        List<RowChange> first;
        try (var harness = harness()) {
            harness.open();
            harness.setProcessingTime(5_000);
            harness.processElement(Changes.snapshot(1, "a"), 1);
            harness.processElement(Changes.insertWide(2, "b", 1L, 100), 2);
            checkpoint = harness.snapshot(1, 10);
            harness.processElement(Changes.snapshot(3, "c"), 3);
            harness.processElement(Changes.update(1, "a", "z", 200), 4);
            first = Harnesses.output(harness).subList(2, 4);
        }
        try (var replay = harness()) {
            replay.initializeState(checkpoint);
            replay.open();
            replay.setProcessingTime(99_000);
            replay.processElement(Changes.snapshot(3, "c"), 3);
            replay.processElement(Changes.update(1, "a", "z", 200), 4);
            assertThat(Harnesses.output(replay)).isEqualTo(first);
        }
    }

    @Test
    void schemaChangesLeaveTheRowStreamAlone() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(
                    new SchemaChange(
                            Changes.TABLE,
                            "ALTER TABLE orders ADD extra BIGINT",
                            0L,
                            null,
                            Changes.widerSchema()),
                    1);
            assertThat(Harnesses.output(harness)).isEmpty();
            assertThat(harness.numKeyedStateEntries()).as("the last DDL").isEqualTo(1);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}

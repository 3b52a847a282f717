package io.historylake.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVersion;
import io.historylake.model.TableSchema;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import io.historylake.schema.SchemaViolationException;
import io.historylake.serde.CdcTypeInfo;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LakeEnricherTest {

    @Test
    void aTableStartsAtSchemaVersionOneAndMovesOnWhenItsColumnsChange() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(Changes.update(1, "a", "b", 200), 2);
            harness.processElement(Changes.insertWide(2, "c", 7L, 300), 3);
            harness.processElement(Changes.insertWide(3, "d", 8L, 400), 4);
            assertThat(state(harness, "schema-version")).isEqualTo(2);

            harness.processElement(Changes.delete(1, "b", 500), 5); // the column was dropped again
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::schemaVersion)
                    .containsExactly(1, 1, 2, 2, 3);
            assertThat(state(harness, "schema-version")).isEqualTo(3);
        }
    }

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
            assertThat(state(harness, "snapshot-time-micros")).isEqualTo(5_900_000L);
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
    void theDeleteHalfOfAPrimaryKeyUpdateWaitsForItsInsertHalfAndTakesTheNewRow() throws Exception {
        RowChange oldKey = Changes.delete(1, "a", 200).withSource(null, null, "tx", 1, true);
        RowChange newKey = Changes.insert(9, "b", 200).withSource(null, null, "tx", 1, true);
        try (var harness = harness()) {
            harness.open();
            harness.processElement(oldKey, 1);
            assertThat(Harnesses.output(harness)).isEmpty();
            assertThat(pending(harness)).isEqualTo(oldKey);

            harness.processElement(newKey, 2);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::op)
                    .containsExactly(Op.DELETE, Op.CREATE);
            assertThat(Harnesses.output(harness).get(0).after()).containsExactly(9, "b");
            assertThat(Harnesses.output(harness).get(0).image()).containsExactly(1, "a");
            assertThat(pending(harness)).isNull();
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
        }
    }

    @Test
    void aViolationUnderQuarantineFlagsTheTablesRowsUntilTheVersionIsReleased() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        QuarantineReleases releases =
                (QuarantineReleases & Serializable) (table, version) -> released.get();
        try (var harness = harness(SchemaPolicy.QUARANTINE, releases)) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(ddl("ALTER TABLE orders MODIFY note INT"), 2);
            harness.processElement(retypedInsert(2, 42, 300), 3);
            harness.processElement(retypedInsert(3, 43, 400), 4);
            SchemaVersion quarantined = current(harness);
            released.set(true);
            harness.processElement(retypedInsert(4, 44, 500), 5);

            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::quarantined)
                    .containsExactly(false, true, true, false);
            assertThat(quarantined.quarantined()).isTrue();
            assertThat(quarantined.verdict().violations())
                    .extracting(SchemaFinding::rule, SchemaFinding::column, SchemaFinding::ddl)
                    .containsExactly(
                            tuple(
                                    SchemaRule.CHANGE_TYPE,
                                    "note",
                                    "ALTER TABLE orders MODIFY note INT"));
            assertThat(current(harness).quarantined()).isFalse();
            assertThat(current(harness).version()).isEqualTo(2);
            assertThat(harness.getSideOutput(LakeEnricher.SCHEMA_VERSIONS))
                    .extracting(
                            r ->
                                    r.getValue() instanceof SchemaVersion v
                                            ? "v" + v.version() + (v.quarantined() ? " q" : "")
                                            : "ddl " + ((SchemaChange) r.getValue()).ddl())
                    .containsExactly("v1", "ddl ALTER TABLE orders MODIFY note INT", "v2 q");
        }
    }

    @Test
    void aViolationUnderStringLandsTheColumnAsTextInANewVersion() throws Exception {
        try (var harness = harness(SchemaPolicy.STRING, QuarantineReleases.NONE)) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(retypedInsert(2, 42, 300), 2);

            RowChange landed = Harnesses.output(harness).get(1);
            assertThat(landed.quarantined()).isFalse();
            assertThat(landed.schemaVersion()).isEqualTo(2);
            assertThat(landed.after()).containsExactly(2, "42");
            assertThat(landed.schema().columns().get(1).lakeType()).isEqualTo(LakeType.STRING);
            assertThat(current(harness).source().columns().get(1).lakeType())
                    .isEqualTo(LakeType.INT);
        }
    }

    @Test
    void aViolationUnderFailStopsTheJobWithoutRestartsAndEmitsNothingAfterTheDdl()
            throws Exception {
        try (var harness = harness(SchemaPolicy.FAIL, QuarantineReleases.NONE)) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            assertThatThrownBy(() -> harness.processElement(retypedInsert(2, 42, 300), 2))
                    .isInstanceOf(SuppressRestartsException.class)
                    .hasRootCauseInstanceOf(SchemaViolationException.class)
                    .rootCause()
                    .hasMessageContaining("CHANGE_TYPE on column 'note'");
            assertThat(Harnesses.output(harness)).hasSize(1);
            assertThat(current(harness).version()).isEqualTo(1);
        }
    }

    private static SchemaChange ddl(String sql) {
        return new SchemaChange(Changes.TABLE, sql, 0L, null, null);
    }

    private static RowChange retypedInsert(int id, int note, long pos) {
        TableSchema retyped =
                new TableSchema(
                        Changes.TABLE,
                        List.of(
                                Changes.schema().columns().get(0),
                                new Column("note", "INT", 11, -1, true, List.of(), LakeType.INT)),
                        List.of("id"));
        return RowChange.of(retyped, Op.CREATE, null, new Object[] {id, note}, 1L, Changes.at(pos));
    }

    private static SchemaVersion current(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness)
            throws Exception {
        return (SchemaVersion)
                Harnesses.value(
                        harness, Changes.TABLE.qualified(), "current-version", CdcTypeInfo.EVENTS);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness()
            throws Exception {
        return harness(SchemaPolicy.QUARANTINE, QuarantineReleases.NONE);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness(
            SchemaPolicy policy, QuarantineReleases releases) throws Exception {
        return Harnesses.enricher(new LakeEnricher(SchemaPolicies.all(policy), releases));
    }

    private static RowChange pending(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness)
            throws Exception {
        return Harnesses.value(
                harness, Changes.TABLE.qualified(), "pending-key-delete", CdcTypeInfo.ROWS);
    }

    private static Object state(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness,
            String name)
            throws Exception {
        String key = Changes.TABLE.qualified();
        if (name.equals("schema-version")) {
            SchemaVersion current =
                    (SchemaVersion)
                            Harnesses.value(harness, key, "current-version", CdcTypeInfo.EVENTS);
            return current.version();
        }
        return Harnesses.value(harness, key, name, Types.LONG);
    }
}

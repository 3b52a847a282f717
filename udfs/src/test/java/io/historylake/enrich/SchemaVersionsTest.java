package io.historylake.enrich;

import static io.historylake.enrich.EnricherHarness.current;
import static io.historylake.enrich.EnricherHarness.ddl;
import static io.historylake.enrich.EnricherHarness.harness;
import static io.historylake.enrich.EnricherHarness.retypedInsert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.historylake.model.LakeType;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVersion;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.ReleasedVersion;
import io.historylake.schema.SchemaPolicy;
import io.historylake.schema.SchemaViolationException;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.junit.jupiter.api.Test;

/** A table's schema versions in the enrichment step: numbered, judged, quarantined, released. */
class SchemaVersionsTest {

    @Test
    void aTableStartsAtSchemaVersionOneAndMovesOnWhenItsColumnsChange() throws Exception {
        try (var harness = harness()) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(Changes.update(1, "a", "b", 200), 2);
            harness.processElement(Changes.insertWide(2, "c", 7L, 300), 3);
            harness.processElement(Changes.insertWide(3, "d", 8L, 400), 4);
            assertThat(current(harness).version()).isEqualTo(2);

            harness.processElement(Changes.delete(1, "b", 500), 5); // the column was dropped again
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::schemaVersion)
                    .containsExactly(1, 1, 2, 2, 3);
            assertThat(current(harness).version()).isEqualTo(3);
            assertThat(harness.numKeyedStateEntries()).as("version and history").isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aViolationUnderQuarantineFlagsTheTablesRowsUntilTheVersionIsReleased() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        QuarantineReleases releases =
                (QuarantineReleases & Serializable)
                        () ->
                                released.get()
                                        ? Set.of(new ReleasedVersion(Changes.TABLE, 2))
                                        : Set.of();
        try (var harness = harness(SchemaPolicy.QUARANTINE, releases)) {
            harness.open();
            harness.processElement(Changes.insert(1, "a", 100), 1);
            harness.processElement(ddl("ALTER TABLE orders MODIFY note INT"), 2);
            harness.processElement(retypedInsert(2, 42, 300), 3);
            harness.processElement(retypedInsert(3, 43, 400), 4);
            SchemaVersion quarantined = current(harness);
            released.set(true);
            EnricherHarness.enricher(harness).releaseWatch().refresh();
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
}

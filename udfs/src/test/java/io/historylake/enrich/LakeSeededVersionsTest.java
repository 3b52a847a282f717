package io.historylake.enrich;

import static io.historylake.enrich.EnricherHarness.current;
import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.RowChange;
import io.historylake.model.SchemaVersion;
import io.historylake.schema.LakeSchemaHistory;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import io.historylake.serde.SchemaVersionFile;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table the enrichment state has not seen, whose versions the lake holds (a new snapshot into a
 * lake with its history): numbering goes on from the lake's versions, never from 1 again.
 */
class LakeSeededVersionsTest {

    /** The lake's version 1 of the test table, as read back from its version file. */
    private static final LakeSchemaHistory LAKE_AT_V1 =
            table -> {
                SchemaVersion v1 = new SchemaVersion(Changes.schema(), 1, null, "CREATE ...", 7L);
                return List.of(SchemaVersionFile.decode(SchemaVersionFile.encode(v1)));
            };

    @Test
    void theSameSchemaAsTheLakesLatestVersionKeepsItsNumber() throws Exception {
        try (var harness = harness(LAKE_AT_V1)) {
            harness.open();
            harness.processElement(Changes.snapshot(1, "a"), 1);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::schemaVersion)
                    .containsExactly(1);
            assertThat(current(harness).ddl())
                    .as("the lake's version itself")
                    .isEqualTo("CREATE ...");
            assertThat(harness.numKeyedStateEntries())
                    .as("version, history, and the snapshot's time and whole-table mark")
                    .isEqualTo(4);
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aChangedSchemaIsTheLakesNextVersionJudgedAgainstItsEarlierOnes() throws Exception {
        try (var harness = harness(LAKE_AT_V1)) {
            harness.open();
            harness.processElement(Changes.insertWide(1, "a", 7L, 100), 1);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::schemaVersion)
                    .containsExactly(2);
            SchemaVersion v2 = current(harness);
            assertThat(v2.previous()).isEqualTo(Changes.schema());
            assertThat(v2.verdict().violated()).as("a column added").isFalse();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aLakeWithoutTheTableStartsAtVersionOne() throws Exception {
        try (var harness = harness(LakeSchemaHistory.NONE)) {
            harness.open();
            harness.processElement(Changes.snapshot(1, "a"), 1);
            assertThat(Harnesses.output(harness))
                    .extracting(RowChange::schemaVersion)
                    .containsExactly(1);
        }
    }

    private static org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness<
                    String, io.historylake.model.CdcEvent, RowChange>
            harness(LakeSchemaHistory lake) throws Exception {
        return Harnesses.enricher(
                new LakeEnricher(
                        SchemaPolicies.all(SchemaPolicy.QUARANTINE),
                        QuarantineReleases.NONE,
                        lake));
    }
}

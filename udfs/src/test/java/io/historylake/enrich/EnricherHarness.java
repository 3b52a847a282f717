package io.historylake.enrich;

import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.model.TableSchema;
import io.historylake.schema.QuarantineReleases;
import io.historylake.schema.SchemaPolicies;
import io.historylake.schema.SchemaPolicy;
import io.historylake.serde.CdcTypeInfo;
import io.historylake.testing.Changes;
import io.historylake.testing.Harnesses;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** The enrichment step in a harness, keyed by table as in the job, and what its parts hold. */
final class EnricherHarness {

    private EnricherHarness() {}

    static KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness()
            throws Exception {
        return harness(SchemaPolicy.QUARANTINE, QuarantineReleases.NONE);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness(
            SchemaPolicy policy, QuarantineReleases releases) throws Exception {
        return Harnesses.enricher(new LakeEnricher(SchemaPolicies.all(policy), releases));
    }

    /** The enrichment step running in the harness. */
    @SuppressWarnings("unchecked")
    static LakeEnricher enricher(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness) {
        return (LakeEnricher)
                ((KeyedProcessOperator<String, CdcEvent, RowChange>) harness.getOperator())
                        .getUserFunction();
    }

    static SchemaVersion current(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness)
            throws Exception {
        return (SchemaVersion)
                Harnesses.value(
                        harness, Changes.TABLE.qualified(), "current-version", CdcTypeInfo.EVENTS);
    }

    static RowChange pending(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness)
            throws Exception {
        return Harnesses.value(
                harness, Changes.TABLE.qualified(), "pending-key-delete", CdcTypeInfo.ROWS);
    }

    static Long snapshotTime(
            KeyedOneInputStreamOperatorTestHarness<String, CdcEvent, RowChange> harness)
            throws Exception {
        return Harnesses.value(
                harness, Changes.TABLE.qualified(), "snapshot-time-micros", Types.LONG);
    }

    static SchemaChange ddl(String sql) {
        return new SchemaChange(Changes.TABLE, sql, 0L, null, null);
    }

    /** An insert after {@code note} became an INT. */
    static RowChange retypedInsert(int id, int note, long pos) {
        TableSchema retyped =
                new TableSchema(
                        Changes.TABLE,
                        List.of(
                                Changes.schema().columns().get(0),
                                new Column("note", "INT", 11, -1, true, List.of(), LakeType.INT)),
                        List.of("id"));
        return RowChange.of(retyped, Op.CREATE, null, new Object[] {id, note}, 1L, Changes.at(pos));
    }
}

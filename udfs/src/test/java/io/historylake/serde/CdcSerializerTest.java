package io.historylake.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Landing;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.SchemaVersion;
import io.historylake.model.SourceContext;
import io.historylake.model.SourceProgress;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.testing.Changes;
import java.math.BigDecimal;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CdcSerializerTest {

    private static final TableSchema EVERY_KIND =
            new TableSchema(
                    new TableId("db", "t"),
                    List.of(
                            column("i", LakeType.INT),
                            column("l", LakeType.LONG),
                            column("f", LakeType.FLOAT),
                            column("d", LakeType.DOUBLE),
                            column("b", LakeType.BOOLEAN),
                            column("s", LakeType.STRING),
                            column("y", LakeType.BYTES),
                            column("m", LakeType.decimal(38, 10)),
                            column("dt", LakeType.DATE),
                            column("ts", LakeType.TIMESTAMP_MICROS),
                            column("set", LakeType.STRING_ARRAY),
                            column("n", LakeType.INT)),
                    List.of("i"));

    @Test
    void aRowChangeWithEveryValueKindSurvivesTheWire() throws Exception {
        String big = "x".repeat(100_000) + "😀";
        RowChange row =
                new RowChange(
                        EVERY_KIND,
                        Op.UPDATE,
                        new Object[] {
                            1,
                            2L,
                            1.5f,
                            2.5d,
                            true,
                            big,
                            new byte[] {1, 2},
                            new BigDecimal("-1.0000000001"),
                            19000,
                            -5L,
                            List.of("a", "b"),
                            null
                        },
                        new Object[] {
                            1,
                            Long.MIN_VALUE,
                            -0f,
                            Double.NaN,
                            false,
                            "",
                            new byte[0],
                            new BigDecimal("9999999999999999999999999999.9999999999"),
                            -719528,
                            Long.MAX_VALUE,
                            List.of(),
                            7
                        },
                        123L,
                        new BinlogPosition("binlog.000009", 777L, 3),
                        new SourceContext("0-1-42", "UPDATE t SET ...", "0-1-42", 7L, true),
                        Landing.of(3, true, true),
                        "id-1",
                        new RowHistory(3L, List.of("l", "set"), "15016", null));
        assertThat(roundTrip(row)).isEqualTo(row);
    }

    @Test
    void theLandingsDestinationAndSeenWholeSurviveTheWireEachOnItsOwn() throws Exception {
        RowChange insert = Changes.insert(1, "a", 100);
        RowChange quarantined =
                insert.enriched(
                        insert.schema(), null, insert.after(), 1L, Landing.of(1, true, false), "q");
        RowChange whole =
                insert.enriched(
                        insert.schema(), null, insert.after(), 1L, Landing.of(1, false, true), "w");
        assertThat(roundTrip(quarantined)).isEqualTo(quarantined).isNotEqualTo(whole);
        RowChange back = (RowChange) roundTrip(whole);
        assertThat(back.tableSeenWhole()).isTrue();
        assertThat(back.quarantined()).isFalse();
    }

    @Test
    void schemaChangesAndProgressMarksSurviveTheWire() throws Exception {
        SchemaChange ddl =
                new SchemaChange(
                        new TableId("db", "t"),
                        "ALTER TABLE t ADD c INT",
                        9L,
                        new BinlogPosition("binlog.000001", 4L, 0),
                        Changes.widerSchema());
        SchemaChange unparsed =
                new SchemaChange(new TableId("db", "t"), "RENAME ...", 9L, null, null);
        SourceProgress progress = new SourceProgress(new BinlogPosition("binlog.000002", 5L, 0));
        assertThat(roundTrip(ddl)).isEqualTo(ddl);
        assertThat(roundTrip(unparsed)).isEqualTo(unparsed);
        assertThat(roundTrip(progress)).isEqualTo(progress);
    }

    @Test
    void schemaVersionsWithTheirSourceSchemaAndVerdictSurviveTheWire() throws Exception {
        SchemaVersion plain = new SchemaVersion(Changes.schema(), 1, null, null, 5L);
        SchemaVersion retyped =
                new SchemaVersion(
                        EVERY_KIND,
                        4,
                        Changes.schema(),
                        "ALTER TABLE t MODIFY n VARCHAR(3)",
                        6L,
                        Changes.widerSchema(),
                        new SchemaVerdict(
                                List.of(
                                        new SchemaFinding(
                                                SchemaRule.CHANGE_TYPE,
                                                "n",
                                                "INT -> VARCHAR(3)",
                                                "ALTER TABLE t MODIFY n VARCHAR(3)"),
                                        new SchemaFinding(
                                                SchemaRule.ADD_COLUMN, "extra", "BIGINT", null))),
                        true);
        SchemaVersion back = (SchemaVersion) roundTrip(plain);
        assertThat(back).isEqualTo(plain);
        assertThat(back.source()).isSameAs(back.schema());
        assertThat(roundTrip(retyped)).isEqualTo(retyped);
    }

    @Test
    void snapshotReadsWithoutPositionSurviveTheWire() throws Exception {
        RowChange read = Changes.snapshot(5, null);
        assertThat(roundTrip(read)).isEqualTo(read);
    }

    @Test
    void theSerializerSnapshotRestoresTheSameSerializer() {
        var snapshot = CdcSerializer.ROWS.snapshotConfiguration();
        assertThat(snapshot.restoreSerializer()).isSameAs(CdcSerializer.ROWS);
        assertThat(
                        CdcTypeInfo.EVENTS.createSerializer(
                                new org.apache.flink.api.common.serialization
                                        .SerializerConfigImpl()))
                .isSameAs(CdcSerializer.EVENTS);
    }

    private static CdcEvent roundTrip(CdcEvent event) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        CdcSerializer.EVENTS.serialize(event, out);
        return CdcSerializer.EVENTS.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static Column column(String name, LakeType type) {
        return new Column(name, "X", -1, -1, true, List.of(), type);
    }
}

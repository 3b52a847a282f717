package io.historylake.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.SchemaVersion;
import io.historylake.model.SourceProgress;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of every format the serializer of state and wire has had: {@code cdc-events-v1.bin}
 * was written by the landed main at 837de9e (verdicts as text), {@code cdc-events-v2.bin} by the
 * current format. Both must keep reading back as {@link #events()}; a change of the current bytes
 * needs a new format version (and a reader of this one).
 */
class CdcEventFormatsTest {

    private static final String DDL = "ALTER TABLE ledger\n  MODIFY amount DECIMAL(10,3)";

    @Test
    void bytesOfTheLandedMainReadBackWithTheirVerdictsTyped() throws Exception {
        assertThat(readAll(golden("cdc-events-v1.bin"), 1)).isEqualTo(events());
    }

    @Test
    void theCurrentFormatWritesExactlyTheCommittedBytesAndReadsThemBack() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        for (CdcEvent event : events()) {
            CdcSerializer.EVENTS.serialize(event, out);
        }
        String write = System.getProperty("golden.write");
        if (write != null) {
            Files.write(Path.of(write), out.getCopyOfBuffer());
        }
        assertThat(out.getCopyOfBuffer()).isEqualTo(golden("cdc-events-v2.bin"));
        assertThat(readAll(golden("cdc-events-v2.bin"), CdcEventCodec.CURRENT)).isEqualTo(events());
    }

    @Test
    void stateOfTheFirstFormatIsMigratedAndItsSerializerOnlyReads() throws Exception {
        TypeSerializerSnapshot<CdcEvent> old = snapshotAsTheLandedMainWroteIt();
        TypeSerializerSnapshot<CdcEvent> current = CdcSerializer.EVENTS.snapshotConfiguration();

        assertThat(current.getCurrentVersion()).isEqualTo(2);
        assertThat(current.resolveSchemaCompatibility(old))
                .extracting(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration)
                .isEqualTo(true);
        assertThat(current.resolveSchemaCompatibility(current).isCompatibleAsIs()).isTrue();
        var reader = old.restoreSerializer();
        assertThat(reader.deserialize(new DataInputDeserializer(golden("cdc-events-v1.bin"))))
                .isEqualTo(events().get(0));
        assertThatThrownBy(() -> reader.serialize(events().get(0), new DataOutputSerializer(8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format 1 is only read");
    }

    @Test
    void aSnapshotOfAFormatNewerThanThisReleaseIsRefusedWithTheWayOut() throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(CdcSerializer.Snapshot.class.getName());
        out.writeInt(3);
        out.writeUTF(CdcEvent.class.getName());
        assertThatThrownBy(
                        () ->
                                TypeSerializerSnapshot.readVersionedSnapshot(
                                        new DataInputDeserializer(out.getCopyOfBuffer()),
                                        getClass().getClassLoader()))
                .hasMessageContaining("format 3, newer than this release reads (2)")
                .hasMessageContaining("restore with the release that wrote it");
    }

    /** What 837de9e's snapshot wrote: its class, version 1, the event class. */
    private static TypeSerializerSnapshot<CdcEvent> snapshotAsTheLandedMainWroteIt()
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(CdcSerializer.Snapshot.class.getName());
        out.writeInt(1);
        out.writeUTF(CdcEvent.class.getName());
        return TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(out.getCopyOfBuffer()),
                CdcEventFormatsTest.class.getClassLoader());
    }

    /** One event of each kind, with a verdict of two findings whose DDL spans lines. */
    static List<CdcEvent> events() {
        TableSchema two = ledger(2);
        TableSchema three = ledger(3);
        RowChange row =
                RowChange.of(
                                two,
                                Op.UPDATE,
                                new Object[] {1, new BigDecimal("1.50"), List.of("a")},
                                new Object[] {1, new BigDecimal("2.25"), List.of()},
                                1_700_000_000_000_000L,
                                new BinlogPosition("binlog.000003", 4711, 2))
                        .withSource(
                                "0-1-42",
                                "UPDATE ledger SET amount = 2.25 /*user_id='u1'*/",
                                "0-1-42",
                                3,
                                false);
        SchemaVerdict verdict =
                new SchemaVerdict(
                        List.of(
                                new SchemaFinding(
                                        SchemaRule.CHANGE_DECIMAL_SCALE,
                                        "amount",
                                        "DECIMAL(10,2) -> DECIMAL(10,3)",
                                        DDL),
                                new SchemaFinding(
                                        SchemaRule.AVRO_FORWARD_INCOMPATIBLE,
                                        "amount",
                                        "bytes decimal(10,2) -> decimal(10,3)",
                                        DDL)));
        return List.of(
                row,
                new SchemaChange(
                        new TableId("shop", "ledger"),
                        DDL,
                        1_700_000_001_000_000L,
                        new BinlogPosition("binlog.000003", 5000, 0),
                        three),
                new SchemaVersion(three, 2, two, DDL, 1_700_000_001_000_000L, three, verdict, true),
                new SchemaVersion(two, 1, null, null, 1_700_000_000_000_000L),
                new SourceProgress(new BinlogPosition("binlog.000004", 4, 0)));
    }

    private static TableSchema ledger(int scale) {
        return new TableSchema(
                new TableId("shop", "ledger"),
                List.of(
                        new Column("id", "INT", 11, -1, false, List.of(), LakeType.INT),
                        new Column(
                                "amount",
                                "DECIMAL",
                                10,
                                scale,
                                true,
                                List.of(),
                                LakeType.decimal(10, scale)),
                        new Column(
                                "tags",
                                "SET",
                                10,
                                -1,
                                true,
                                List.of("a", "b"),
                                LakeType.STRING_ARRAY)),
                List.of("id"));
    }

    private static List<CdcEvent> readAll(byte[] bytes, int format) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        List<CdcEvent> events = new ArrayList<>();
        while (in.available() > 0) {
            events.add(CdcEventCodec.read(in, format));
        }
        return events;
    }

    private static byte[] golden(String name) throws IOException {
        try (InputStream in = CdcEventFormatsTest.class.getResourceAsStream("/serde/" + name)) {
            if (in == null) {
                return new byte[0];
            }
            return in.readAllBytes();
        }
    }
}

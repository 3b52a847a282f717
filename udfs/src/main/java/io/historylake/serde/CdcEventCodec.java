package io.historylake.serde;

import io.historylake.model.BinlogPosition;
import io.historylake.model.CdcEvent;
import io.historylake.model.Landing;
import io.historylake.model.Op;
import io.historylake.model.RowChange;
import io.historylake.model.RowHistory;
import io.historylake.model.SchemaChange;
import io.historylake.model.SchemaVersion;
import io.historylake.model.SourceContext;
import io.historylake.model.SourceProgress;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Binary encoding of {@link CdcEvent}s, driven by each column's lake type (no reflection).
 *
 * <p>Format {@value #CURRENT} is written; format 1 (releases up to 837de9e, which kept a schema
 * version's verdict as text) is read for state written by them.
 */
final class CdcEventCodec {

    /** The format written; {@link CdcSerializer}'s snapshot version. */
    static final int CURRENT = 2;

    private static final byte ROW_CHANGE = 0;
    private static final byte SCHEMA_CHANGE = 1;
    private static final byte PROGRESS = 2;
    private static final byte SCHEMA_VERSION = 3;
    private static final Op[] OPS = Op.values();

    private CdcEventCodec() {}

    static void write(CdcEvent event, DataOutputView out) throws IOException {
        if (event instanceof RowChange row) {
            out.writeByte(ROW_CHANGE);
            writeRow(row, out);
        } else if (event instanceof SchemaChange ddl) {
            out.writeByte(SCHEMA_CHANGE);
            StringValue.writeString(ddl.table().database(), out);
            StringValue.writeString(ddl.table().table(), out);
            StringValue.writeString(ddl.ddl(), out);
            out.writeLong(ddl.eventTimeMicros());
            ValueCodec.writePosition(ddl.position(), out);
            out.writeBoolean(ddl.newSchema() != null);
            if (ddl.newSchema() != null) {
                SchemaCodec.writeSchema(ddl.newSchema(), out);
            }
        } else if (event instanceof SchemaVersion version) {
            out.writeByte(SCHEMA_VERSION);
            SchemaCodec.writeSchema(version.schema(), out);
            out.writeInt(version.version());
            out.writeBoolean(version.previous() != null);
            if (version.previous() != null) {
                SchemaCodec.writeSchema(version.previous(), out);
            }
            ValueCodec.writeNullableString(version.ddl(), out);
            out.writeLong(version.eventTimeMicros());
            boolean retyped = version.source() != version.schema();
            out.writeBoolean(retyped);
            if (retyped) {
                SchemaCodec.writeSchema(version.source(), out);
            }
            SchemaCodec.writeVerdict(version.verdict(), out);
            out.writeBoolean(version.quarantined());
        } else if (event instanceof SourceProgress progress) {
            out.writeByte(PROGRESS);
            ValueCodec.writePosition(progress.position(), out);
        }
    }

    /** Reads an event written in {@code format} (1 or {@link #CURRENT}). */
    static CdcEvent read(DataInputView in, int format) throws IOException {
        byte kind = in.readByte();
        if (kind == ROW_CHANGE) {
            return readRow(in);
        }
        if (kind == SCHEMA_CHANGE) {
            TableId table = new TableId(StringValue.readString(in), StringValue.readString(in));
            String ddl = StringValue.readString(in);
            long time = in.readLong();
            BinlogPosition position = ValueCodec.readPosition(in);
            TableSchema schema = in.readBoolean() ? SchemaCodec.readSchema(in) : null;
            return new SchemaChange(table, ddl, time, position, schema);
        }
        if (kind == SCHEMA_VERSION) {
            TableSchema schema = SchemaCodec.readSchema(in);
            int version = in.readInt();
            TableSchema previous = in.readBoolean() ? SchemaCodec.readSchema(in) : null;
            String ddl = ValueCodec.readNullableString(in);
            long time = in.readLong();
            TableSchema source = in.readBoolean() ? SchemaCodec.readSchema(in) : schema;
            return new SchemaVersion(
                    schema,
                    version,
                    previous,
                    ddl,
                    time,
                    source,
                    format == 1 ? SchemaCodec.readVerdictV1(in) : SchemaCodec.readVerdict(in),
                    in.readBoolean());
        }
        if (kind == PROGRESS) {
            return new SourceProgress(ValueCodec.readPosition(in));
        }
        throw new IOException("Corrupt CdcEvent: unknown kind " + kind);
    }

    private static void writeRow(RowChange row, DataOutputView out) throws IOException {
        SchemaCodec.writeSchema(row.schema(), out);
        out.writeInt(row.schemaVersion());
        out.writeByte(row.op().ordinal());
        ValueCodec.writeImage(row.schema(), row.before(), out);
        ValueCodec.writeImage(row.schema(), row.after(), out);
        out.writeLong(row.eventTimeMicros());
        ValueCodec.writePosition(row.position(), out);
        SourceContext source = row.source();
        ValueCodec.writeNullableString(source.gtid(), out);
        ValueCodec.writeNullableString(source.query(), out);
        ValueCodec.writeNullableString(source.txId(), out);
        out.writeLong(source.txOrder());
        out.writeBoolean(source.pkChanged());
        ValueCodec.writeNullableString(row.eventId(), out);
        ValueCodec.writeHistory(row.history(), out);
        // one byte of flags; rows written before there was more than one read as quarantined
        out.writeByte((row.quarantined() ? 1 : 0) | (row.tableSeenWhole() ? 2 : 0));
    }

    /** A row; its schema version, 0 before the enrichment step, tells whether it has a landing. */
    private static RowChange readRow(DataInputView in) throws IOException {
        TableSchema schema = SchemaCodec.readSchema(in);
        int version = in.readInt();
        Op op = OPS[in.readByte()];
        Object[] before = ValueCodec.readImage(schema, in);
        Object[] after = ValueCodec.readImage(schema, in);
        long time = in.readLong();
        BinlogPosition position = ValueCodec.readPosition(in);
        SourceContext source =
                new SourceContext(
                        ValueCodec.readNullableString(in),
                        ValueCodec.readNullableString(in),
                        ValueCodec.readNullableString(in),
                        in.readLong(),
                        in.readBoolean());
        String eventId = ValueCodec.readNullableString(in);
        RowHistory history = ValueCodec.readHistory(in);
        byte flags = in.readByte();
        Landing landing =
                version == 0 ? null : Landing.of(version, (flags & 1) != 0, (flags & 2) != 0);
        return new RowChange(
                schema, op, before, after, time, position, source, landing, eventId, history);
    }
}

package io.historylake.serde;

import static io.historylake.serde.ValueCodec.readNullableString;
import static io.historylake.serde.ValueCodec.readStrings;
import static io.historylake.serde.ValueCodec.writeNullableString;
import static io.historylake.serde.ValueCodec.writeStrings;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/** Binary encoding of table schemas and schema verdicts. */
public final class SchemaCodec {

    private static final LakeType.Kind[] KINDS = LakeType.Kind.values();

    private SchemaCodec() {}

    public static void writeSchema(TableSchema schema, DataOutputView out) throws IOException {
        StringValue.writeString(schema.table().database(), out);
        StringValue.writeString(schema.table().table(), out);
        out.writeInt(schema.columns().size());
        for (Column c : schema.columns()) {
            StringValue.writeString(c.name(), out);
            StringValue.writeString(c.mysqlType(), out);
            out.writeInt(c.length());
            out.writeInt(c.scale());
            out.writeBoolean(c.nullable());
            writeStrings(c.enumValues(), out);
            out.writeByte(c.lakeType().kind().ordinal());
            out.writeInt(c.lakeType().precision());
            out.writeInt(c.lakeType().scale());
        }
        writeStrings(schema.primaryKey(), out);
    }

    public static TableSchema readSchema(DataInputView in) throws IOException {
        TableId table = new TableId(StringValue.readString(in), StringValue.readString(in));
        int n = in.readInt();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = StringValue.readString(in);
            String type = StringValue.readString(in);
            int length = in.readInt();
            int scale = in.readInt();
            boolean nullable = in.readBoolean();
            List<String> enumValues = readStrings(in);
            LakeType lakeType = new LakeType(KINDS[in.readByte()], in.readInt(), in.readInt());
            columns.add(new Column(name, type, length, scale, nullable, enumValues, lakeType));
        }
        return new TableSchema(table, columns, readStrings(in));
    }

    /** Format 2: each finding with its rule by name (an enum's order may change, its names not). */
    static void writeVerdict(SchemaVerdict verdict, DataOutputView out) throws IOException {
        out.writeInt(verdict.findings().size());
        for (SchemaFinding finding : verdict.findings()) {
            StringValue.writeString(finding.rule().name(), out);
            StringValue.writeString(finding.column(), out);
            writeNullableString(finding.detail(), out);
            writeNullableString(finding.ddl(), out);
        }
    }

    static SchemaVerdict readVerdict(DataInputView in) throws IOException {
        int n = in.readInt();
        List<SchemaFinding> findings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String rule = StringValue.readString(in);
            try {
                findings.add(
                        new SchemaFinding(
                                SchemaRule.valueOf(rule),
                                StringValue.readString(in),
                                readNullableString(in),
                                readNullableString(in)));
            } catch (IllegalArgumentException e) {
                throw new IOException(
                        "A schema verdict in state names the rule "
                                + rule
                                + ", which this release does not know: restore with the release"
                                + " that wrote it",
                        e);
            }
        }
        return findings.isEmpty() ? SchemaVerdict.NONE : new SchemaVerdict(findings);
    }

    /** Format 1 kept the verdict as its text ({@link SchemaVerdict#describe()}), or null. */
    static SchemaVerdict readVerdictV1(DataInputView in) throws IOException {
        String text = readNullableString(in);
        return text == null ? SchemaVerdict.NONE : LegacyVerdicts.parse(text);
    }
}

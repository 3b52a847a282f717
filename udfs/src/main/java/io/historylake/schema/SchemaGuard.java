package io.historylake.schema;

import io.historylake.lake.AvroSchemas;
import io.historylake.model.Column;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Judges a table's next schema against all its earlier versions, as a pure function: the MySQL
 * rules against the latest version (with the columns dropped before, to catch a repurposed name),
 * then Avro's reader/writer compatibility against every earlier version (transitive), backward (the
 * new version reads old files) and forward (old readers read new files, noted only).
 */
public final class SchemaGuard {

    private static final Pattern FIELD = Pattern.compile("^/fields/(\\d+)");

    private SchemaGuard() {}

    /**
     * @param history the table's earlier source schemas, oldest first, not empty
     * @param next the schema the source now reports
     * @param ddl the DDL that produced it, or null when the parser gave none
     */
    public static SchemaVerdict judge(List<TableSchema> history, TableSchema next, String ddl) {
        TableSchema latest = history.get(history.size() - 1);
        List<SchemaFinding> findings =
                new ArrayList<>(SchemaRules.check(latest, next, ddl, dropped(history)).findings());
        Set<String> explained = new HashSet<>();
        findings.forEach(f -> explained.add(f.column()));
        Schema reader = AvroSchemas.lakeRowSchema(next, history.size() + 1);
        for (int v = 0; v < history.size(); v++) {
            Schema writer = AvroSchemas.lakeRowSchema(history.get(v), v + 1);
            avro(reader, writer, v + 1, true, ddl, explained, findings);
            avro(writer, reader, v + 1, false, ddl, explained, findings);
        }
        return new SchemaVerdict(findings);
    }

    /** Columns of earlier versions that the latest version no longer has, as last defined. */
    static Map<String, Column> dropped(List<TableSchema> history) {
        Map<String, Column> seen = new LinkedHashMap<>();
        for (TableSchema schema : history) {
            for (Column column : schema.columns()) {
                seen.put(column.name(), column);
            }
        }
        TableSchema latest = history.get(history.size() - 1);
        seen.keySet().removeAll(latest.columnNames());
        return seen;
    }

    private static void avro(
            Schema reader,
            Schema writer,
            int earlier,
            boolean backward,
            String ddl,
            Set<String> explained,
            List<SchemaFinding> findings) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
        for (Incompatibility problem : result.getIncompatibilities()) {
            String column = column(reader, problem.getLocation());
            if (!explained.add(column)) {
                continue;
            }
            String detail =
                    (backward
                                    ? "the new version cannot read files of v" + earlier
                                    : "readers of v" + earlier + " cannot read the new version")
                            + ": "
                            + problem.getMessage();
            findings.add(
                    new SchemaFinding(
                            backward
                                    ? SchemaRule.AVRO_BACKWARD_INCOMPATIBLE
                                    : SchemaRule.AVRO_FORWARD_INCOMPATIBLE,
                            column,
                            detail,
                            ddl));
        }
    }

    private static String column(Schema reader, String location) {
        Matcher m = FIELD.matcher(location == null ? "" : location);
        if (!m.find()) {
            return "(record)";
        }
        int index = Integer.parseInt(m.group(1));
        if (index >= reader.getFields().size()) {
            return "(record)";
        }
        Schema.Field field = reader.getFields().get(index);
        Object name = field.getObjectProp("mysql.name");
        return name == null ? field.name() : name.toString();
    }
}

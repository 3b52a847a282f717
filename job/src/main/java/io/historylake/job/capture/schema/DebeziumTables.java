package io.historylake.job.capture.schema;

import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.relational.Table;
import io.historylake.model.Column;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.types.MySqlTypes;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A table as Debezium's DDL parser holds it, in our terms. The columns come out exactly as the
 * Flink CDC path gives them (type name, length, scale, nullability, ENUM/SET values), so that a
 * lake written by either capture continues under the same schema version.
 */
public final class DebeziumTables {

    private DebeziumTables() {}

    public static CapturedTable captured(Table table) {
        TableId id = tableId(table.id());
        List<Column> columns = new ArrayList<>();
        List<Charset> charsets = new ArrayList<>();
        int rowEnd = -1;
        for (io.debezium.relational.Column c : table.columns()) {
            if (SystemVersioning.ROW_END_COMMENT.equals(c.comment())) {
                rowEnd = columns.size();
            }
            String type = c.typeName().toUpperCase(Locale.ENGLISH);
            int length = c.length();
            int scale = c.scale().orElse(-1);
            columns.add(
                    new Column(
                            c.name(),
                            type,
                            length,
                            scale,
                            c.isOptional(),
                            enumValues(c),
                            MySqlTypes.lakeType(type, length, scale)));
            boolean text = MySqlTypes.isCharacter(type);
            String charset = c.charsetName() != null ? c.charsetName() : table.defaultCharsetName();
            charsets.add(text ? MySqlCharsets.of(charset) : null);
        }
        // The primary key only, as the Flink CDC path reports it; a chunk key pages the snapshot.
        List<String> key = List.copyOf(table.primaryKeyColumnNames());
        return new CapturedTable(new TableSchema(id, columns, key), charsets, rowEnd);
    }

    public static TableId tableId(io.debezium.relational.TableId id) {
        return new TableId(id.catalog(), id.table());
    }

    public static io.debezium.relational.TableId debeziumId(TableId id) {
        return new io.debezium.relational.TableId(id.database(), null, id.table());
    }

    /** The values as the Flink CDC path reports them: unquoted, joined and split at commas. */
    private static List<String> enumValues(io.debezium.relational.Column c) {
        List<String> values = c.enumValues();
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        String joined = String.join(",", MySqlAntlrDdlParser.extractEnumAndSetOptions(values));
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}

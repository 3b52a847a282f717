package io.historylake.job.source;

import io.historylake.model.BinlogPosition;
import io.historylake.model.Column;
import io.historylake.model.SchemaChange;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.types.MySqlTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the DDL and the resulting table schemas out of a Debezium schema-change record. */
final class SchemaChangeParser {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChangeParser.class);
    private final ObjectMapper mapper = new ObjectMapper();

    List<SchemaChange> parse(Struct value) {
        Struct source = value.getStruct("source");
        BinlogPosition position =
                new BinlogPosition(source.getString("file"), source.getInt64("pos"), 0);
        long timeMicros = source.getInt64("ts_ms") * 1000L;
        JsonNode history;
        try {
            history = mapper.readTree(value.getString("historyRecord"));
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable schema change record at " + position, e);
        }
        String ddl = history.path("ddl").asText("");
        String database = history.path("databaseName").asText("");
        List<SchemaChange> changes = new ArrayList<>();
        for (JsonNode change : history.path("tableChanges")) {
            TableId table = tableId(change.path("id").asText(), database);
            changes.add(new SchemaChange(table, ddl, timeMicros, position, schema(table, change)));
        }
        // TRUNCATE comes without table changes, and RENAME TABLE names only the new table:
        // record the statement in the history of the tables it names as well.
        for (TableId named : TableStatements.tablesLosingRows(ddl, database)) {
            if (changes.stream().noneMatch(c -> c.table().equals(named))) {
                changes.add(new SchemaChange(named, ddl, timeMicros, position, null));
            }
        }
        if (changes.isEmpty()) {
            LOG.info("DDL at {} changes no captured table: {}", position, ddl);
        }
        return changes;
    }

    private static TableSchema schema(TableId table, JsonNode change) {
        JsonNode definition = change.path("table");
        if (definition.isMissingNode() || definition.isNull()) {
            return null;
        }
        List<Column> columns = new ArrayList<>();
        try {
            for (JsonNode column : definition.path("columns")) {
                String type = column.path("typeName").asText().toUpperCase();
                int length = column.path("length").asInt(-1);
                int scale = column.path("scale").asInt(-1);
                List<String> enumValues = new ArrayList<>();
                for (JsonNode v : column.path("enumValues")) {
                    enumValues.add(unquote(v.asText()));
                }
                columns.add(
                        new Column(
                                column.path("name").asText(),
                                type,
                                length,
                                scale,
                                column.path("optional").asBoolean(true),
                                enumValues,
                                MySqlTypes.lakeType(type, length, scale)));
            }
        } catch (IllegalArgumentException e) {
            LOG.warn(
                    "Table {} after DDL has a type the lake cannot map: {}", table, e.getMessage());
            return null;
        }
        List<String> key = new ArrayList<>();
        for (JsonNode name : definition.path("primaryKeyColumnNames")) {
            key.add(name.asText());
        }
        return new TableSchema(table, columns, key);
    }

    private static TableId tableId(String id, String database) {
        String[] parts = id.replace("\"", "").replace("`", "").split("\\.", 2);
        return parts.length == 2
                ? new TableId(parts[0], parts[1])
                : new TableId(database, parts[0]);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}

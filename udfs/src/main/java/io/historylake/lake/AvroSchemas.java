package io.historylake.lake;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Builds the Avro schema of a table's lake rows: source columns (nullable), then metadata. */
public final class AvroSchemas {

    /** Namespace of all lake record schemas. */
    public static final String NAMESPACE = "io.historylake.lake";

    private AvroSchemas() {}

    /** The lake row schema of a table at a schema version. */
    public static Schema lakeRowSchema(TableSchema table, int version) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Column column : table.columns()) {
            Schema.Field field =
                    new Schema.Field(
                            column.name(),
                            nullable(avroType(column.lakeType())),
                            null,
                            JsonProperties.NULL_VALUE);
            field.addProp("mysql.type", column.mysqlType());
            fields.add(field);
        }
        for (MetadataColumn meta : MetadataColumn.values()) {
            Schema type = avroType(meta.type());
            fields.add(
                    meta.nullable()
                            ? new Schema.Field(
                                    meta.columnName(),
                                    nullable(type),
                                    null,
                                    JsonProperties.NULL_VALUE)
                            : new Schema.Field(meta.columnName(), type));
        }
        Schema record =
                Schema.createRecord(
                        recordName(table), "history of " + table.table(), NAMESPACE, false, fields);
        record.addProp("history_lake.table", table.table().qualified());
        record.addProp("history_lake.schema_version", version);
        record.addProp("history_lake.primary_key", String.join(",", table.primaryKey()));
        return record;
    }

    /** The Avro type of a lake type. */
    public static Schema avroType(LakeType type) {
        return switch (type.kind()) {
            case INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case FLOAT -> Schema.create(Schema.Type.FLOAT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case STRING -> Schema.create(Schema.Type.STRING);
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case DECIMAL ->
                    LogicalTypes.decimal(type.precision(), type.scale())
                            .addToSchema(Schema.create(Schema.Type.BYTES));
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIMESTAMP_MICROS ->
                    LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case STRING_ARRAY -> Schema.createArray(Schema.create(Schema.Type.STRING));
        };
    }

    private static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private static String recordName(TableSchema table) {
        String raw = table.table().database() + "_" + table.table().table();
        StringBuilder name = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            name.append(Character.isLetterOrDigit(c) && c < 128 || c == '_' ? c : '_');
        }
        return Character.isDigit(name.charAt(0)) ? "_" + name : name.toString();
    }
}

package io.historylake.lake;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/** Builds the Avro schema of a table's lake rows: source columns (nullable), then metadata. */
public final class AvroSchemas {

    /** Namespace of all lake record schemas. */
    public static final String NAMESPACE = "io.historylake.lake";

    private AvroSchemas() {}

    /**
     * The lake row schema of a table at a schema version. A MySQL column name that is no Avro name
     * (e.g. {@code order-id}) gets a sanitized, unique field name; its MySQL name is kept in the
     * field's {@code mysql.name} property (Parquet files keep the MySQL names).
     */
    public static Schema lakeRowSchema(TableSchema table, int version) {
        List<Schema.Field> fields = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Column column : table.columns()) {
            Schema.Field field =
                    new Schema.Field(
                            uniqueName(column.name(), used),
                            nullable(avroType(column.lakeType())),
                            null,
                            JsonProperties.NULL_VALUE);
            field.addProp("mysql.name", column.name());
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

    /** Whether every column name of the table is a valid Avro name as it is. */
    public static boolean namesAreAvroNames(TableSchema table) {
        for (Column column : table.columns()) {
            if (!sanitize(column.name()).equals(column.name())) {
                return false;
            }
        }
        return true;
    }

    private static String uniqueName(String name, Set<String> used) {
        String base = sanitize(name);
        String unique = base;
        for (int i = 2; !used.add(unique); i++) {
            unique = base + "_" + i;
        }
        return unique;
    }

    /** An Avro name: letters, digits and '_' only, not starting with a digit. */
    static String sanitize(String raw) {
        StringBuilder name = new StringBuilder(raw.length() + 1);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            name.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        return name.length() == 0 || Character.isDigit(name.charAt(0))
                ? "_" + name
                : name.toString();
    }

    private static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private static String recordName(TableSchema table) {
        return sanitize(table.table().database() + "_" + table.table().table());
    }
}

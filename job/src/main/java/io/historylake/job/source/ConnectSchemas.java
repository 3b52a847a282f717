package io.historylake.job.source;

import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableId;
import io.historylake.model.TableSchema;
import io.historylake.types.MySqlTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;

/** Derives a {@link TableConversion} from the Connect schema Debezium gives a table's rows. */
final class ConnectSchemas {

    static final String TYPE_PARAM = "__debezium.source.column.type";
    static final String LENGTH_PARAM = "__debezium.source.column.length";
    static final String SCALE_PARAM = "__debezium.source.column.scale";

    private ConnectSchemas() {}

    static TableConversion conversionOf(TableId table, Schema rowSchema, Schema keySchema) {
        List<Field> fields = rowSchema.fields();
        List<Column> columns = new ArrayList<>(fields.size());
        ValueConversion[] conversions = new ValueConversion[fields.size()];
        int[] scales = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Schema schema = field.schema();
            Map<String, String> params = schema.parameters();
            String type = params == null ? null : params.get(TYPE_PARAM);
            if (type == null) {
                throw new IllegalStateException(
                        "Column "
                                + table
                                + "."
                                + field.name()
                                + " carries no source type; the source must run with the Debezium"
                                + " property column.propagate.source.type=.*");
            }
            int length = intParam(params, LENGTH_PARAM);
            int scale = intParam(params, SCALE_PARAM);
            LakeType lakeType = MySqlTypes.lakeType(type, length, scale);
            columns.add(
                    new Column(
                            field.name(),
                            type.toUpperCase(),
                            length,
                            scale,
                            schema.isOptional(),
                            enumValues(schema),
                            lakeType));
            conversions[i] = conversionFor(lakeType, schema.name(), type);
            scales[i] =
                    switch (conversions[i]) {
                        case TO_DECIMAL -> lakeType.scale();
                        case DECIMAL_TO_STRING -> Math.max(scale, 0);
                        case BITS_TO_BYTES -> length;
                        default -> 0;
                    };
        }
        List<String> key = new ArrayList<>();
        if (keySchema != null) {
            for (Field field : keySchema.fields()) {
                key.add(field.name());
            }
        }
        return new TableConversion(
                new TableSchema(table, columns, key),
                fields.toArray(new Field[0]),
                conversions,
                scales);
    }

    static ValueConversion conversionFor(LakeType lakeType, String semantic, String mysqlType) {
        String name = semantic == null ? "" : semantic;
        return switch (lakeType.kind()) {
            case INT -> ValueConversion.TO_INT;
            case LONG ->
                    switch (name) {
                        case "io.debezium.time.Time" -> ValueConversion.MILLIS_TO_MICROS;
                        case "io.debezium.time.MicroTime" -> ValueConversion.MICRO_TIME;
                        case "io.debezium.time.NanoTime" -> ValueConversion.NANOS_TO_MICROS;
                        default -> ValueConversion.TO_LONG;
                    };
            case FLOAT -> ValueConversion.TO_FLOAT;
            case DOUBLE -> ValueConversion.TO_DOUBLE;
            case BOOLEAN -> ValueConversion.TO_BOOLEAN;
            case DECIMAL -> ValueConversion.TO_DECIMAL;
            case STRING ->
                    mysqlType.toUpperCase().startsWith("DEC")
                                    || mysqlType.toUpperCase().startsWith("NUMERIC")
                            ? ValueConversion.DECIMAL_TO_STRING
                            : ValueConversion.TO_STRING;
            case BYTES ->
                    switch (name) {
                        case "io.debezium.data.Bits" -> ValueConversion.BITS_TO_BYTES;
                        case "io.debezium.data.geometry.Geometry",
                                        "io.debezium.data.geometry.Point" ->
                                ValueConversion.GEOMETRY_TO_WKB;
                        default -> ValueConversion.TO_BYTES;
                    };
            case DATE -> ValueConversion.TO_DATE;
            case TIMESTAMP_MICROS ->
                    switch (name) {
                        case "io.debezium.time.Timestamp" -> ValueConversion.MILLIS_TO_MICROS;
                        case "io.debezium.time.NanoTimestamp" -> ValueConversion.NANOS_TO_MICROS;
                        case "io.debezium.time.ZonedTimestamp" ->
                                ValueConversion.ISO_INSTANT_TO_MICROS;
                        default -> ValueConversion.TO_LONG;
                    };
            case STRING_ARRAY -> ValueConversion.SET_TO_LIST;
        };
    }

    private static List<String> enumValues(Schema schema) {
        Map<String, String> params = schema.parameters();
        String allowed = params == null ? null : params.get("allowed");
        return allowed == null || allowed.isEmpty() ? List.of() : Arrays.asList(allowed.split(","));
    }

    private static int intParam(Map<String, String> params, String key) {
        String value = params.get(key);
        return value == null ? -1 : Integer.parseInt(value);
    }
}

package io.historylake.job.sink;

import io.historylake.lake.MetadataColumn;
import io.historylake.model.Column;
import io.historylake.model.LakeType;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a table's lake rows, matching {@link io.historylake.lake.AvroSchemas}:
 * decimals as INT32/INT64/FIXED by precision, timestamps as TIMESTAMP(MICROS, UTC), SET values as a
 * standard three-level LIST of strings.
 */
final class ParquetSchemas {

    private ParquetSchemas() {}

    static MessageType of(TableSchema table) {
        List<Type> fields = new ArrayList<>();
        for (Column column : table.columns()) {
            fields.add(field(column.name(), column.lakeType(), Repetition.OPTIONAL));
        }
        for (MetadataColumn meta : MetadataColumn.values()) {
            fields.add(
                    field(
                            meta.columnName(),
                            meta.type(),
                            meta.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED));
        }
        return new MessageType(table.table().viewName(), fields);
    }

    static Type field(String name, LakeType type, Repetition repetition) {
        return switch (type.kind()) {
            case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case LONG -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case STRING ->
                    Types.primitive(PrimitiveTypeName.BINARY, repetition)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(name);
            case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case DECIMAL -> decimal(name, type, repetition);
            case DATE ->
                    Types.primitive(PrimitiveTypeName.INT32, repetition)
                            .as(LogicalTypeAnnotation.dateType())
                            .named(name);
            case TIMESTAMP_MICROS ->
                    Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(
                                    LogicalTypeAnnotation.timestampType(
                                            true, LogicalTypeAnnotation.TimeUnit.MICROS))
                            .named(name);
            case STRING_ARRAY ->
                    Types.list(repetition)
                            .optionalElement(PrimitiveTypeName.BINARY)
                            .as(LogicalTypeAnnotation.stringType())
                            .named(name);
        };
    }

    private static Type decimal(String name, LakeType type, Repetition repetition) {
        LogicalTypeAnnotation decimal =
                LogicalTypeAnnotation.decimalType(type.scale(), type.precision());
        if (type.precision() <= 9) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(decimal).named(name);
        }
        if (type.precision() <= 18) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).as(decimal).named(name);
        }
        return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                .length(fixedLength(type.precision()))
                .as(decimal)
                .named(name);
    }

    /** Bytes needed for a two's-complement unscaled value of the given precision. */
    static int fixedLength(int precision) {
        int bytes = 1;
        while (Math.pow(2, 8 * bytes - 1) < Math.pow(10, precision)) {
            bytes++;
        }
        return bytes;
    }
}

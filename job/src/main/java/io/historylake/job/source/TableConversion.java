package io.historylake.job.source;

import io.historylake.model.TableSchema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;

/** A table's schema plus, per column, how to convert its Debezium value; built once per schema. */
record TableConversion(
        TableSchema schema, Field[] fields, ValueConversion[] conversions, int[] scales) {

    /** The row image of a Debezium row struct, in the lake's Java types. */
    Object[] image(Struct struct) {
        if (struct == null) {
            return null;
        }
        Object[] image = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Object value = struct.get(fields[i]);
            if (value != null) {
                try {
                    image[i] = conversions[i].convert(value, scales[i]);
                } catch (RuntimeException e) {
                    throw new IllegalStateException(
                            "Cannot convert column "
                                    + schema.table()
                                    + "."
                                    + fields[i].name()
                                    + " ("
                                    + schema.columns().get(i).mysqlType()
                                    + ") value of "
                                    + value.getClass().getSimpleName()
                                    + " with "
                                    + conversions[i],
                            e);
                }
            }
        }
        return image;
    }
}

package io.historylake.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns of a captured table as the source saw them, in table order, with its primary key.
 *
 * <p>Equal schemas have equal {@link #fingerprint()}s; the enrichment step numbers distinct schemas
 * of a table as versions 1, 2, 3...
 */
public record TableSchema(TableId table, List<Column> columns, List<String> primaryKey)
        implements Serializable {

    public TableSchema {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The position of the named column, or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    /** Positions of the primary-key columns (or of the chunk key of a table without one). */
    public int[] primaryKeyIndexes() {
        int[] indexes = new int[primaryKey.size()];
        for (int i = 0; i < indexes.length; i++) {
            indexes[i] = indexOf(primaryKey.get(i));
        }
        return indexes;
    }

    /** The column names in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column column : columns) {
            names.add(column.name());
        }
        return names;
    }

    /** A stable 64-bit hash of the columns (names, types, lake types) and primary key. */
    public long fingerprint() {
        long h = 0xcbf29ce484222325L;
        for (Column c : columns) {
            h = mix(h, c.name());
            h = mix(h, c.mysqlType() + "(" + c.length() + "," + c.scale() + ")" + c.nullable());
            h = mix(h, String.join(",", c.enumValues()));
            h = mix(h, c.lakeType().toString());
        }
        return mix(h, String.join(",", primaryKey));
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= 0xff;
        return h * 0x100000001b3L;
    }
}

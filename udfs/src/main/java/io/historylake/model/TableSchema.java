package io.historylake.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The columns of a captured table as the source saw them, in table order, with its primary key.
 *
 * <p>The enrichment step numbers a table's successive distinct schemas as versions 1, 2, 3...
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
}

package io.historylake.model;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A source column: its MySQL name and declared type, and the lake type it lands as.
 *
 * @param name the MySQL column name, kept as is in the lake
 * @param mysqlType the declared type name in upper case, e.g. {@code INT UNSIGNED}, {@code DECIMAL}
 * @param length the declared length or precision, or -1 when none
 * @param scale the declared scale, or -1 when none
 * @param nullable whether the column accepts NULL in MySQL
 * @param enumValues the values of an ENUM or SET column, in declaration order; empty otherwise
 * @param lakeType the type the column has in the lake
 */
public record Column(
        String name,
        String mysqlType,
        int length,
        int scale,
        boolean nullable,
        List<String> enumValues,
        LakeType lakeType)
        implements Serializable {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mysqlType, "mysqlType");
        Objects.requireNonNull(lakeType, "lakeType");
        enumValues = List.copyOf(enumValues);
    }
}

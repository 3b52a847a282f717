package io.historylake.model;

import java.io.Serializable;
import java.util.Objects;

/** Identity of a captured table: database (MySQL schema) and table name. */
public record TableId(String database, String table) implements Serializable {

    public TableId {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
    }

    /** Parses {@code db.table}. */
    public static TableId parse(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException(
                    "Expected a table as 'database.table' but got '" + qualified + "'");
        }
        return new TableId(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    /** {@code database.table}. */
    public String qualified() {
        return database + "." + table;
    }

    /** The lake-relative directory of this table: {@code database/table}. */
    public String lakePath() {
        return database + "/" + table;
    }

    /** The SQL view name under which the query command exposes this table. */
    public String viewName() {
        return database + "_" + table;
    }

    @Override
    public String toString() {
        return qualified();
    }
}

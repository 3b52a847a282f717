package io.historylake.job.schema;

import io.historylake.model.SchemaRule;
import java.util.ArrayList;
import java.util.List;

/**
 * One schema-change case of the guard's end-to-end matrix: a table {@code (id INT PRIMARY KEY,
 * <columns>)}, a value for {@code v} before the change, the DDL (with DML between the statements of
 * a multi-step change), the insert after it, and the rule the guard must name.
 */
record GuardCase(
        String table,
        String columns,
        String value,
        List<String> change,
        String insertAfter,
        SchemaRule rule) {

    /** The ten cases of the matrix. */
    static final List<GuardCase> ALL =
            List.of(
                    new GuardCase(
                            "add_column",
                            "v INT",
                            "2",
                            List.of("ALTER TABLE {t} ADD COLUMN note VARCHAR(20)"),
                            "INSERT INTO {t} (id, v, note) VALUES (3, 3, 'after')",
                            SchemaRule.ADD_COLUMN),
                    new GuardCase(
                            "widen_int",
                            "v INT",
                            "2",
                            List.of("ALTER TABLE {t} MODIFY v BIGINT"),
                            "INSERT INTO {t} (id, v) VALUES (3, 30000000000)",
                            SchemaRule.WIDEN_INTEGER),
                    new GuardCase(
                            "widen_varchar",
                            "v VARCHAR(20)",
                            "'b'",
                            List.of("ALTER TABLE {t} MODIFY v VARCHAR(200)"),
                            "INSERT INTO {t} (id, v) VALUES (3, REPEAT('x', 150))",
                            SchemaRule.WIDEN_STRING),
                    new GuardCase(
                            "drop_column",
                            "v INT, w INT",
                            "2",
                            List.of("ALTER TABLE {t} DROP COLUMN w"),
                            "INSERT INTO {t} (id, v) VALUES (3, 3)",
                            SchemaRule.DROP_COLUMN),
                    new GuardCase(
                            "rename_column",
                            "v INT",
                            "2",
                            List.of("ALTER TABLE {t} RENAME COLUMN v TO v2"),
                            "INSERT INTO {t} (id, v2) VALUES (3, 3)",
                            SchemaRule.RENAME_COLUMN),
                    new GuardCase(
                            "change_column",
                            "v INT",
                            "2",
                            List.of("ALTER TABLE {t} CHANGE v v3 INT"),
                            "INSERT INTO {t} (id, v3) VALUES (3, 3)",
                            SchemaRule.RENAME_COLUMN),
                    new GuardCase(
                            "int_to_varchar",
                            "v INT",
                            "2",
                            List.of("ALTER TABLE {t} MODIFY v VARCHAR(20)"),
                            "INSERT INTO {t} (id, v) VALUES (3, 'three')",
                            SchemaRule.CHANGE_TYPE),
                    new GuardCase(
                            "decimal_scale",
                            "v DECIMAL(10,2)",
                            "2.50",
                            List.of("ALTER TABLE {t} MODIFY v DECIMAL(10,4)"),
                            "INSERT INTO {t} (id, v) VALUES (3, 1.2345)",
                            SchemaRule.CHANGE_DECIMAL_SCALE),
                    new GuardCase(
                            "enum_removed",
                            "v ENUM('a','b','c')",
                            "'b'",
                            List.of("ALTER TABLE {t} MODIFY v ENUM('a','b')"),
                            "INSERT INTO {t} (id, v) VALUES (3, 'a')",
                            SchemaRule.REORDER_OR_REMOVE_ENUM_VALUES),
                    new GuardCase(
                            "readd_other_type",
                            "v INT",
                            "2",
                            List.of(
                                    "ALTER TABLE {t} DROP COLUMN v",
                                    "INSERT INTO {t} (id) VALUES (4)",
                                    "ALTER TABLE {t} ADD COLUMN v VARCHAR(20)"),
                            "INSERT INTO {t} (id, v) VALUES (3, 'x')",
                            SchemaRule.READD_WITH_OTHER_TYPE));

    /** How many schema versions the table ends with: one more than its DDL statements. */
    int versions() {
        return 1 + (int) change.stream().filter(s -> s.startsWith("ALTER")).count();
    }

    /** The last DDL of the change, for this database. */
    String lastDdl(String database) {
        String last = "";
        for (String s : change) {
            last = s.startsWith("ALTER") ? s.replace("{t}", qualified(database)) : last;
        }
        return last;
    }

    boolean violates() {
        return rule.severity() == SchemaRule.Severity.VIOLATION;
    }

    String qualified(String database) {
        return database + "." + table;
    }

    /** Creates the table with one row (seen by the snapshot). */
    List<String> create(String database) {
        String t = qualified(database);
        return List.of(
                "CREATE TABLE " + t + " (id INT PRIMARY KEY, " + columns + ")",
                "INSERT INTO " + t + " (id, v) VALUES (1, " + value + ")");
    }

    /** Binlog changes before the DDL, the DDL, and changes after it. */
    List<String> workload(String database) {
        String t = qualified(database);
        List<String> sql = new ArrayList<>();
        sql.add("INSERT INTO " + t + " (id, v) VALUES (2, " + value + ")");
        sql.add("UPDATE " + t + " SET v = NULL WHERE id = 1");
        change.forEach(s -> sql.add(s.replace("{t}", t)));
        sql.add(insertAfter.replace("{t}", t));
        sql.add("DELETE FROM " + t + " WHERE id = 1");
        return sql;
    }
}

package io.historylake.job.capture.schema;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableEditor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB's system-versioned tables in DDL, which the DDL parser does not read: the statement is
 * handed to the parser without the versioning clauses, and what they do to the table's columns is
 * applied here. {@code WITH SYSTEM VERSIONING} without period columns, and {@code ADD SYSTEM
 * VERSIONING}, add the implicit invisible columns {@code row_start} and {@code row_end}
 * (TIMESTAMP(6), last); {@code DROP SYSTEM VERSIONING} removes them. The column that ends a row's
 * period ({@code row_end}, or the one declared {@code AS ROW END}) is marked with {@link
 * #ROW_END_COMMENT}, which tells history rows from current ones. Application-time periods ({@code
 * PERIOD FOR name (start, end)}) name two ordinary columns; the clause is left out.
 */
final class SystemVersioning {

    /** The comment that marks the column ending a row's system-time period. */
    static final String ROW_END_COMMENT = "history-lake: system-time row end";

    static final String IMPLICIT_START = "row_start";
    static final String IMPLICIT_END = "row_end";

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern WITH =
            Pattern.compile("\\bWITH\\s+SYSTEM\\s+VERSIONING\\b", FLAGS);
    private static final Pattern WITHOUT =
            Pattern.compile("\\bWITHOUT\\s+SYSTEM\\s+VERSIONING\\b", FLAGS);
    private static final Pattern ROW_END =
            Pattern.compile(
                    "[(,]\\s*(`[^`]+`|[\\w$]+)\\s[^,]*?\\bGENERATED\\s+ALWAYS\\s+AS\\s+ROW\\s+END\\b",
                    FLAGS);
    private static final Pattern GENERATED_ROW =
            Pattern.compile("\\bGENERATED\\s+ALWAYS\\s+AS\\s+ROW\\s+(START|END)\\b", FLAGS);
    private static final Pattern PERIOD =
            Pattern.compile(",\\s*PERIOD\\s+FOR\\s+[`\\w$]+\\s*\\([^)]*\\)", FLAGS);
    private static final Pattern ALTER =
            Pattern.compile(
                    "^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+.+?\\s+(ADD|DROP)\\s+SYSTEM\\s+VERSIONING\\s*;?\\s*$",
                    FLAGS);

    /** What a statement does to system versioning. */
    enum Action {
        NONE,
        /** Versioned from now on; implicit period columns unless it declares its own. */
        ADD_IMPLICIT,
        /** Versioned with its own period columns ({@code endColumn}). */
        EXPLICIT,
        DROP
    }

    /**
     * @param sql the statement for the parser, or null when nothing is left to parse
     * @param endColumn the declared row-end column of {@link Action#EXPLICIT}
     */
    record Rewrite(String sql, Action action, String endColumn) {}

    private static final Pattern ALTERED =
            Pattern.compile(
                    "^\\s*ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\s+(?:`([^`]+)`|([\\w$]+))(?:\\s*\\.\\s*(?:`([^`]+)`|([\\w$]+)))?",
                    FLAGS);

    private SystemVersioning() {}

    /** The table of an {@code ALTER TABLE} statement. */
    static java.util.List<io.historylake.model.TableId> alteredTables(String ddl, String database) {
        Matcher m = ALTERED.matcher(ddl);
        if (!m.find()) {
            return java.util.List.of();
        }
        String first = m.group(1) != null ? m.group(1) : m.group(2);
        String second = m.group(3) != null ? m.group(3) : m.group(4);
        return java.util.List.of(
                second == null
                        ? new io.historylake.model.TableId(database, first)
                        : new io.historylake.model.TableId(first, second));
    }

    /** The table after the statement's versioning action. */
    static Table apply(Table table, Rewrite rewrite) {
        TableEditor editor = table.edit();
        switch (rewrite.action()) {
            case ADD_IMPLICIT -> {
                if (table.columnWithName(IMPLICIT_START) == null) {
                    editor.addColumn(implicit(IMPLICIT_START, null));
                }
                if (table.columnWithName(IMPLICIT_END) == null) {
                    editor.addColumn(implicit(IMPLICIT_END, ROW_END_COMMENT));
                }
            }
            case EXPLICIT -> {
                Column end = table.columnWithName(rewrite.endColumn());
                if (end != null) {
                    editor.addColumn(end.edit().comment(ROW_END_COMMENT).create());
                }
            }
            case DROP -> {
                for (Column column : table.columns()) {
                    if (ROW_END_COMMENT.equals(column.comment())) {
                        editor.addColumn(column.edit().comment(null).create());
                    }
                }
                if (table.columnWithName(IMPLICIT_END) != null
                        && ROW_END_COMMENT.equals(table.columnWithName(IMPLICIT_END).comment())) {
                    editor.removeColumn(IMPLICIT_START);
                    editor.removeColumn(IMPLICIT_END);
                }
            }
            case NONE -> {}
        }
        return editor.create();
    }

    private static Column implicit(String name, String comment) {
        return Column.editor()
                .name(name)
                .type("TIMESTAMP", "TIMESTAMP(6)")
                .jdbcType(java.sql.Types.TIMESTAMP)
                .length(6)
                .optional(false)
                .comment(comment)
                .create();
    }

    static Rewrite rewrite(String ddl) {
        Matcher alter = ALTER.matcher(ddl);
        if (alter.matches()) {
            return new Rewrite(
                    null,
                    alter.group(1).equalsIgnoreCase("ADD") ? Action.ADD_IMPLICIT : Action.DROP,
                    null);
        }
        if (!WITH.matcher(ddl).find() && !GENERATED_ROW.matcher(ddl).find()) {
            // Application-time periods name two existing columns: only the clause goes.
            return new Rewrite(PERIOD.matcher(ddl).replaceAll(""), Action.NONE, null);
        }
        Matcher end = ROW_END.matcher(ddl);
        String endColumn = end.find() ? end.group(1).replace("`", "") : null;
        String sql = WITH.matcher(ddl).replaceAll("");
        sql = WITHOUT.matcher(sql).replaceAll("");
        sql = GENERATED_ROW.matcher(sql).replaceAll("");
        sql = PERIOD.matcher(sql).replaceAll("");
        return new Rewrite(
                sql, endColumn == null ? Action.ADD_IMPLICIT : Action.EXPLICIT, endColumn);
    }
}

package io.historylake.schema;

import io.historylake.model.Column;
import io.historylake.model.SchemaFinding;
import io.historylake.model.SchemaRule;
import io.historylake.model.SchemaVerdict;
import io.historylake.model.TableSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The founding rule as a pure function: adding columns and widening types are fine, dropping a
 * column or making it nullable is warned, and renaming, retyping or repurposing a column (narrower
 * or other types, a decimal's scale, reordered or removed ENUM/SET values, a dropped name re-added
 * with another type) is a violation. Each finding names the rule, the column and the DDL.
 */
public final class SchemaRules {

    private static final Pattern RENAME =
            Pattern.compile(
                    "RENAME\\s+COLUMN\\s+`?([^`\\s]+)`?\\s+TO\\s+`?([^`\\s,;]+)`?",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANGE =
            Pattern.compile(
                    "CHANGE\\s+(?:COLUMN\\s+)?(?:IF\\s+EXISTS\\s+)?`?([^`\\s]+)`?\\s+`?([^`\\s]+)`?",
                    Pattern.CASE_INSENSITIVE);
    private static final List<String> INTEGERS =
            List.of("TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT");
    private static final List<String> STRINGS =
            List.of("CHAR", "VARCHAR", "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT");

    private SchemaRules() {}

    /**
     * Judges the change from {@code previous} to {@code next}.
     *
     * @param dropped columns dropped earlier from this table, by name, as they were
     */
    public static SchemaVerdict check(
            TableSchema previous, TableSchema next, String ddl, Map<String, Column> dropped) {
        List<SchemaFinding> findings = new ArrayList<>();
        Map<String, String> renames = renames(ddl);
        Map<String, Column> before = byName(previous);
        Map<String, Column> after = byName(next);
        renames.forEach(
                (from, to) -> {
                    if (before.containsKey(from) && after.containsKey(to)) {
                        findings.add(
                                new SchemaFinding(
                                        SchemaRule.RENAME_COLUMN, from, from + " -> " + to, ddl));
                    }
                });
        for (Column old : previous.columns()) {
            Column now = after.get(old.name());
            if (now == null) {
                if (!renames.containsKey(old.name())) {
                    findings.add(
                            new SchemaFinding(
                                    SchemaRule.DROP_COLUMN, old.name(), describe(old), ddl));
                }
            } else {
                compare(old, now, ddl, findings);
            }
        }
        for (Column added : next.columns()) {
            if (before.containsKey(added.name()) || renames.containsValue(added.name())) {
                continue;
            }
            Column earlier = dropped.get(added.name());
            if (earlier != null && !sameType(earlier, added)) {
                findings.add(
                        new SchemaFinding(
                                SchemaRule.READD_WITH_OTHER_TYPE,
                                added.name(),
                                describe(earlier) + " (dropped) -> " + describe(added),
                                ddl));
            } else {
                findings.add(
                        new SchemaFinding(
                                SchemaRule.ADD_COLUMN, added.name(), describe(added), ddl));
            }
        }
        return new SchemaVerdict(findings);
    }

    private static void compare(Column old, Column now, String ddl, List<SchemaFinding> findings) {
        if (!old.nullable() && now.nullable()) {
            findings.add(
                    new SchemaFinding(
                            SchemaRule.MAKE_NULLABLE, old.name(), "NOT NULL -> NULL", ddl));
        }
        if (sameType(old, now)) {
            return;
        }
        String change = describe(old) + " -> " + describe(now);
        SchemaRule rule = typeRule(old, now);
        findings.add(new SchemaFinding(rule, old.name(), change, ddl));
    }

    private static SchemaRule typeRule(Column old, Column now) {
        String a = base(old.mysqlType());
        String b = base(now.mysqlType());
        if (INTEGERS.contains(a) && INTEGERS.contains(b)) {
            // wider only: a strictly larger type, signed or not (a same-size sign flip repurposes)
            return INTEGERS.indexOf(b) > INTEGERS.indexOf(a)
                    ? SchemaRule.WIDEN_INTEGER
                    : SchemaRule.CHANGE_TYPE;
        }
        if (a.equals("FLOAT") && b.equals("DOUBLE")) {
            return SchemaRule.FLOAT_TO_DOUBLE;
        }
        if (STRINGS.contains(a) && STRINGS.contains(b)) {
            return capacity(now) >= capacity(old)
                    ? SchemaRule.WIDEN_STRING
                    : SchemaRule.CHANGE_TYPE;
        }
        if (a.equals("DECIMAL") && b.equals("DECIMAL")) {
            if (old.scale() != now.scale()) {
                return SchemaRule.CHANGE_DECIMAL_SCALE;
            }
            return now.length() >= old.length() ? SchemaRule.WIDEN_DECIMAL : SchemaRule.CHANGE_TYPE;
        }
        if ((a.equals("ENUM") || a.equals("SET")) && a.equals(b)) {
            List<String> oldValues = old.enumValues();
            List<String> newValues = now.enumValues();
            return newValues.size() >= oldValues.size()
                            && newValues.subList(0, oldValues.size()).equals(oldValues)
                    ? SchemaRule.APPEND_ENUM_VALUES
                    : SchemaRule.REORDER_OR_REMOVE_ENUM_VALUES;
        }
        return SchemaRule.CHANGE_TYPE;
    }

    /** Same declared type, length, scale and values (nullability, defaults and comments aside). */
    static boolean sameType(Column a, Column b) {
        return a.mysqlType().equalsIgnoreCase(b.mysqlType())
                && a.length() == b.length()
                && a.scale() == b.scale()
                && a.enumValues().equals(b.enumValues())
                && a.lakeType().equals(b.lakeType());
    }

    private static Map<String, String> renames(String ddl) {
        Map<String, String> renames = new HashMap<>();
        if (ddl == null) {
            return renames;
        }
        for (Pattern pattern : List.of(RENAME, CHANGE)) {
            Matcher m = pattern.matcher(ddl);
            while (m.find()) {
                if (!m.group(1).equalsIgnoreCase(m.group(2))) {
                    renames.put(m.group(1), m.group(2));
                }
            }
        }
        return renames;
    }

    private static Map<String, Column> byName(TableSchema schema) {
        Map<String, Column> columns = new HashMap<>();
        for (Column column : schema.columns()) {
            columns.put(column.name(), column);
        }
        return columns;
    }

    private static String base(String type) {
        String t = type.toUpperCase(Locale.ROOT).replace(" ZEROFILL", "");
        t = t.endsWith(" UNSIGNED") ? t.substring(0, t.length() - 9) : t;
        return switch (t) {
            case "INTEGER" -> "INT";
            case "NUMERIC", "DEC", "FIXED" -> "DECIMAL";
            case "REAL", "DOUBLE PRECISION" -> "DOUBLE";
            default -> t;
        };
    }

    private static long capacity(Column column) {
        return switch (base(column.mysqlType())) {
            case "TINYTEXT" -> 255;
            case "TEXT" -> 65_535;
            case "MEDIUMTEXT" -> 16_777_215;
            case "LONGTEXT" -> 4_294_967_295L;
            default -> Math.max(column.length(), 0);
        };
    }

    private static String describe(Column column) {
        String size =
                column.length() < 0
                        ? ""
                        : "("
                                + column.length()
                                + (column.scale() < 0 ? "" : "," + column.scale())
                                + ")";
        return column.mysqlType()
                + size
                + (column.enumValues().isEmpty() ? "" : column.enumValues().toString());
    }
}

package io.historylake.job.source;

import io.historylake.job.config.ConfigException;
import io.historylake.lake.MetadataColumn;
import io.historylake.mask.MaskAction;
import io.historylake.mask.MaskingRules;
import io.historylake.model.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Preflight checks of the captured tables: which they are, their keys and their column names. */
final class CapturedTables {

    private static final Pattern LITERAL_NAME = Pattern.compile("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+");

    private CapturedTables() {}

    static List<TableId> resolve(Statement statement, TableSelection selection)
            throws SQLException {
        List<TableId> all = new ArrayList<>();
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT table_schema, table_name FROM information_schema.tables"
                                + " WHERE table_type = 'BASE TABLE' AND table_schema NOT IN"
                                + " ('mysql', 'information_schema', 'performance_schema', 'sys')")) {
            while (rs.next()) {
                all.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        for (String pattern : selection.include()) {
            TableSelection one =
                    new TableSelection(selection.databases(), List.of(pattern), List.of());
            if (all.stream().noneMatch(one::matches)) {
                throw new ConfigException(
                        (LITERAL_NAME.matcher(pattern).matches()
                                        ? "Table '" + pattern + "' in --mysql.tables does not exist"
                                        : "--mysql.tables pattern '"
                                                + pattern
                                                + "' matches no table")
                                + " in the databases of --mysql.databases "
                                + selection.databases()
                                + " (or the user cannot see it): fix the name or grant SELECT on"
                                + " it");
            }
        }
        List<TableId> tables = all.stream().filter(selection::matches).toList();
        if (tables.isEmpty()) {
            throw new ConfigException(
                    "No table matches --mysql.databases "
                            + selection.databases()
                            + " and --mysql.tables "
                            + selection.include()
                            + ": check the names (regular expressions, matched against the whole"
                            + " name)");
        }
        return tables;
    }

    static void checkKeys(Statement statement, List<TableId> tables, Map<TableId, String> chunkKeys)
            throws SQLException {
        Map<TableId, Boolean> hasKey = new LinkedHashMap<>();
        for (TableId table : tables) {
            hasKey.put(table, false);
        }
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT DISTINCT table_schema, table_name FROM information_schema.statistics"
                                + " WHERE index_name = 'PRIMARY'")) {
            while (rs.next()) {
                hasKey.computeIfPresent(
                        new TableId(rs.getString(1), rs.getString(2)), (t, v) -> true);
            }
        }
        for (Map.Entry<TableId, Boolean> entry : hasKey.entrySet()) {
            if (!entry.getValue() && !chunkKeys.containsKey(entry.getKey())) {
                throw new ConfigException(
                        "Table "
                                + entry.getKey()
                                + " has no primary key: name a column that splits its snapshot"
                                + " with --mysql.chunk-key-columns "
                                + entry.getKey()
                                + "=<column>, or leave the table out with"
                                + " --mysql.tables.exclude");
            }
        }
    }

    /** No captured column may be named like the date partition or a metadata column. */
    static void checkColumnNames(
            Statement statement, List<TableId> tables, String partitionColumn, MaskingRules masking)
            throws SQLException {
        Set<String> reserved = new HashSet<>();
        for (MetadataColumn meta : MetadataColumn.values()) {
            reserved.add(meta.columnName());
        }
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT table_schema, table_name, column_name FROM information_schema.columns"
                                + " WHERE LOWER(column_name) = '"
                                + partitionColumn.toLowerCase(Locale.ROOT).replace("'", "''")
                                + "' OR LEFT(column_name, 1) = '_'")) {
            while (rs.next()) {
                TableId table = new TableId(rs.getString(1), rs.getString(2));
                String column = rs.getString(3);
                if (!tables.contains(table)
                        || masking.actionFor(table.database(), table.table(), column)
                                == MaskAction.DROP) {
                    continue;
                }
                if (column.equalsIgnoreCase(partitionColumn)) {
                    throw new ConfigException(
                            "Table "
                                    + table
                                    + " has a column named '"
                                    + column
                                    + "', the lake's date partition: choose another partition"
                                    + " name with --lake.partition-column (e.g. _dt)");
                }
                if (reserved.contains(column.toLowerCase(Locale.ROOT))) {
                    throw new ConfigException(
                            "Table "
                                    + table
                                    + " has a column named '"
                                    + column
                                    + "', which the lake reserves for its metadata: leave it out"
                                    + " with --mask '"
                                    + Pattern.quote(table.qualified() + "." + column)
                                    + "=drop', or leave the table out with --mysql.tables.exclude");
                }
            }
        }
    }
}

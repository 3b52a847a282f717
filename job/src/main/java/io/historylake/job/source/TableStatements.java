package io.historylake.job.source;

import io.historylake.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables that a {@code TRUNCATE} empties or a {@code RENAME TABLE} renames away, which
 * the connector's schema-change records do not name.
 */
public final class TableStatements {

    private static final String NAME = "(?:`([^`]+)`|([\\w$]+))";
    private static final Pattern TRUNCATE =
            Pattern.compile(
                    "^\\s*TRUNCATE\\s+(?:TABLE\\s+)?" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern RENAME =
            Pattern.compile("^\\s*RENAME\\s+TABLES?\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAIR =
            Pattern.compile(
                    "\\G\\s*,?\\s*"
                            + NAME
                            + "(?:\\s*\\.\\s*"
                            + NAME
                            + ")?\\s+TO\\s+"
                            + NAME
                            + "(?:\\s*\\.\\s*"
                            + NAME
                            + ")?",
                    Pattern.CASE_INSENSITIVE);

    private TableStatements() {}

    /** The tables a TRUNCATE empties or a RENAME TABLE renames away; empty for other DDL. */
    public static List<TableId> tablesLosingRows(String ddl, String defaultDatabase) {
        List<TableId> tables = new ArrayList<>();
        Matcher truncate = TRUNCATE.matcher(ddl);
        if (truncate.find()) {
            tables.add(table(truncate, 1, defaultDatabase));
            return tables;
        }
        Matcher rename = RENAME.matcher(ddl);
        if (rename.find()) {
            Matcher pair = PAIR.matcher(ddl);
            pair.region(rename.end(), ddl.length());
            while (pair.find()) {
                tables.add(table(pair, 1, defaultDatabase));
            }
        }
        return tables;
    }

    /** The table of a match's name groups starting at {@code group}: [db .] table. */
    private static TableId table(Matcher m, int group, String defaultDatabase) {
        String first = m.group(group) != null ? m.group(group) : m.group(group + 1);
        String second = m.group(group + 2) != null ? m.group(group + 2) : m.group(group + 3);
        return second == null ? new TableId(defaultDatabase, first) : new TableId(first, second);
    }
}

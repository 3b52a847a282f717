package io.historylake.job.capture.binlog;

import io.historylake.model.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tables a DDL statement names, read without a parser (for statements the parser cannot). */
final class DdlTables {

    private static final String NAME = "(?:`([^`]+)`|([\\w$]+))";
    private static final Pattern TABLE =
            Pattern.compile(
                    "\\b(?:ALTER|CREATE|DROP|TRUNCATE|RENAME)\\s+(?:ONLINE\\s+|IGNORE\\s+|OR\\s+REPLACE\\s+|TEMPORARY\\s+)*TABLE\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
                            + NAME
                            + "(?:\\s*\\.\\s*"
                            + NAME
                            + ")?",
                    Pattern.CASE_INSENSITIVE);

    private DdlTables() {}

    static List<TableId> named(String sql, String database) {
        List<TableId> tables = new ArrayList<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            String first = m.group(1) != null ? m.group(1) : m.group(2);
            String second = m.group(3) != null ? m.group(3) : m.group(4);
            tables.add(second == null ? new TableId(database, first) : new TableId(first, second));
        }
        return tables;
    }
}

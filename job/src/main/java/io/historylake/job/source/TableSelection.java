package io.historylake.job.source;

import io.historylake.model.TableId;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which tables to capture: database regexes, 'database.table' include regexes (empty: every table
 * of those databases) and exclude regexes, each matched against the whole name as Debezium does.
 */
public record TableSelection(List<String> databases, List<String> include, List<String> exclude)
        implements Serializable {

    /** Parses the comma-separated option values. */
    public static TableSelection parse(String databases, String include, String exclude) {
        return new TableSelection(split(databases), split(include), split(exclude));
    }

    /** Whether the table is captured. */
    public boolean matches(TableId table) {
        boolean db =
                databases.stream().anyMatch(p -> compile(p).matcher(table.database()).matches());
        if (!db) {
            return false;
        }
        String name = table.qualified();
        boolean included =
                include.isEmpty()
                        || include.stream().anyMatch(p -> compile(p).matcher(name).matches());
        return included && exclude.stream().noneMatch(p -> compile(p).matcher(name).matches());
    }

    /** The include patterns as the CDC source takes them (every table of the databases if none). */
    public String[] sourceTablePatterns() {
        if (!include.isEmpty()) {
            return include.toArray(new String[0]);
        }
        return databases.stream().map(db -> "(" + db + ")\\..*").toArray(String[]::new);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Invalid regular expression '" + regex + "'", e);
        }
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return List.copyOf(parts);
    }
}

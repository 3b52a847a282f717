package io.historylake.enrich;

import java.util.regex.Pattern;

/**
 * Whether a DDL statement starts its table empty, so that from then on every row the table holds
 * comes through the job: a {@code CREATE TABLE} (its rows then all come as inserts, {@code CREATE
 * ... SELECT} included). A rename into the table changes nothing: in an online schema change
 * (gh-ost, pt-online-schema-change) the table renamed in is a copy holding the rows seen before.
 */
public final class SeenWhole {

    /** Leading blanks and comments ({@code /* ... *}{@code /}, {@code -- ...}, {@code # ...}). */
    private static final Pattern LEADING =
            Pattern.compile("^(?:\\s+|/\\*.*?\\*/|--[^\\n]*\\n?|#[^\\n]*\\n?)*", Pattern.DOTALL);

    private static final Pattern CREATE =
            Pattern.compile(
                    "^CREATE\\s+(?:OR\\s+REPLACE\\s+)?TABLE\\s+(?!IF\\s+NOT\\s+EXISTS\\b)",
                    Pattern.CASE_INSENSITIVE);

    private SeenWhole() {}

    /**
     * Whether {@code ddl} starts the tables it is recorded for empty. {@code CREATE TABLE IF NOT
     * EXISTS} does not: the table may have existed, with rows.
     */
    public static boolean startsEmpty(String ddl) {
        return ddl != null && CREATE.matcher(LEADING.matcher(ddl).replaceFirst("")).find();
    }
}

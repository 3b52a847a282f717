package io.historylake.enrich;

import java.util.regex.Pattern;

/**
 * What a DDL statement does to whether the job has seen every row of the table it names: a {@code
 * CREATE TABLE} starts the table empty (its rows then all come as inserts, {@code CREATE ...
 * SELECT} included), a rename brings in rows the job saw under another name or never.
 */
public enum SeenWhole {
    /** The table starts empty: from now on every row it holds comes through the job. */
    STARTS_EMPTY,
    /** The table may now hold rows the job has not seen under its name. */
    BRINGS_UNSEEN_ROWS,
    /** No change. */
    UNCHANGED;

    /** Leading blanks and comments ({@code /* ... *}{@code /}, {@code -- ...}, {@code # ...}). */
    private static final Pattern LEADING =
            Pattern.compile("^(?:\\s+|/\\*.*?\\*/|--[^\\n]*\\n?|#[^\\n]*\\n?)*", Pattern.DOTALL);

    private static final Pattern CREATE =
            Pattern.compile(
                    "^CREATE\\s+(?:OR\\s+REPLACE\\s+)?TABLE\\s+(?!IF\\s+NOT\\s+EXISTS\\b)",
                    Pattern.CASE_INSENSITIVE);

    private static final Pattern RENAME =
            Pattern.compile(
                    "^(?:RENAME\\s+TABLES?\\b|ALTER\\s+(?:ONLINE\\s+|IGNORE\\s+)*TABLE\\b.*"
                            + "\\bRENAME\\b(?!\\s+(?:COLUMN|INDEX|KEY)\\b))",
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /**
     * The effect of {@code ddl} on the tables it is recorded for. {@code CREATE TABLE IF NOT
     * EXISTS} changes nothing: the table may have existed, with rows.
     */
    public static SeenWhole of(String ddl) {
        if (ddl == null) {
            return UNCHANGED;
        }
        String statement = LEADING.matcher(ddl).replaceFirst("");
        if (CREATE.matcher(statement).find()) {
            return STARTS_EMPTY;
        }
        if (RENAME.matcher(statement).find()) {
            return BRINGS_UNSEEN_ROWS;
        }
        return UNCHANGED;
    }
}

package io.historylake.job.testing;

/**
 * A column of a test table and how to read it canonically on both sides: an SQL expression for
 * MySQL and one for DuckDB over the lake that yield the same text for the same value ({@code {c}}
 * stands for the column). Numeric checks compare as doubles (formatting differs between engines).
 */
public record ColumnCheck(
        String name, String ddl, String mysqlExpr, String duckExpr, boolean numeric) {

    /** Compared as text after a plain cast on both sides. */
    /** The columns of the tests' counter tables {@code (id INT, n INT, note VARCHAR(40))}. */
    public static java.util.List<ColumnCheck> counterTable() {
        return java.util.List.of(text("id", "INT"), text("n", "INT"), text("note", "VARCHAR(40)"));
    }

    public static ColumnCheck text(String name, String ddl) {
        return new ColumnCheck(name, ddl, "CAST({c} AS CHAR)", "CAST({c} AS VARCHAR)", false);
    }

    /** Compared with explicit expressions. */
    public static ColumnCheck of(String name, String ddl, String mysqlExpr, String duckExpr) {
        return new ColumnCheck(name, ddl, mysqlExpr, duckExpr, false);
    }

    /** Compared as numbers. */
    public static ColumnCheck number(String name, String ddl) {
        return new ColumnCheck(name, ddl, "CAST({c} AS CHAR)", "CAST({c} AS VARCHAR)", true);
    }

    public String mysql() {
        return mysqlExpr.replace("{c}", "`" + name + "`");
    }

    public String duck() {
        return duckExpr.replace("{c}", "\"" + name + "\"");
    }
}

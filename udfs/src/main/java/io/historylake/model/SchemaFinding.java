package io.historylake.model;

/**
 * One thing a schema change did to one column, judged by a rule.
 *
 * @param rule the rule that applies
 * @param column the column (its old name for a rename)
 * @param detail what changed, e.g. {@code INT -> VARCHAR(20)}
 * @param ddl the statement that made the change
 */
public record SchemaFinding(SchemaRule rule, String column, String detail, String ddl) {

    @Override
    public String toString() {
        return rule + " on column '" + column + "' (" + detail + ") by: " + ddl;
    }
}

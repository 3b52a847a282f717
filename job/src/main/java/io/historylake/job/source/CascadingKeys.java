package io.historylake.job.source;

import io.historylake.model.TableId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Foreign keys whose rule changes a captured table's rows when another row changes (ON DELETE or ON
 * UPDATE CASCADE, SET NULL, SET DEFAULT). InnoDB applies those changes below the binlog: it writes
 * no row event for them (MySQL bug #32506; Debezium's FAQ says the same), so the lake's history of
 * the child table does not have them. Said at start, one line per rule, naming both tables.
 */
final class CascadingKeys {

    private static final Logger LOG = LoggerFactory.getLogger(CascadingKeys.class);

    /**
     * One rule of a foreign key.
     *
     * @param on DELETE or UPDATE (of the referenced row)
     * @param action CASCADE, SET NULL or SET DEFAULT
     */
    record Rule(
            String constraint,
            TableId child,
            String childColumns,
            TableId parent,
            String parentColumns,
            String on,
            String action) {

        String describe(List<TableId> captured) {
            return "Foreign key "
                    + constraint
                    + " of "
                    + child
                    + " ("
                    + childColumns
                    + ") references "
                    + parent
                    + " ("
                    + parentColumns
                    + ") ON "
                    + on
                    + " "
                    + action
                    + ": MySQL writes no binlog event for the "
                    + child
                    + " rows this changes, so the lake's history of "
                    + child
                    + " misses those changes"
                    + (captured.contains(parent) ? "" : " (" + parent + " is not captured)")
                    + ". See README, Known limits.";
        }
    }

    private CascadingKeys() {}

    /** The rules that change rows of {@code captured} tables, one per key and event. */
    static List<Rule> find(Statement statement, List<TableId> captured) throws SQLException {
        List<Rule> rules = new ArrayList<>();
        try (ResultSet rs =
                statement.executeQuery(
                        "SELECT rc.constraint_schema, rc.constraint_name, rc.table_name,"
                                + " rc.unique_constraint_schema, rc.referenced_table_name,"
                                + " rc.delete_rule, rc.update_rule,"
                                + " GROUP_CONCAT(k.column_name ORDER BY k.ordinal_position),"
                                + " GROUP_CONCAT(k.referenced_column_name"
                                + " ORDER BY k.ordinal_position)"
                                + " FROM information_schema.referential_constraints rc"
                                + " JOIN information_schema.key_column_usage k"
                                + " ON k.constraint_schema = rc.constraint_schema"
                                + " AND k.constraint_name = rc.constraint_name"
                                + " AND k.table_name = rc.table_name"
                                + " GROUP BY rc.constraint_schema, rc.constraint_name,"
                                + " rc.table_name, rc.unique_constraint_schema,"
                                + " rc.referenced_table_name, rc.delete_rule, rc.update_rule"
                                + " ORDER BY 1, 3, 2")) {
            while (rs.next()) {
                TableId child = new TableId(rs.getString(1), rs.getString(3));
                if (!captured.contains(child)) {
                    continue;
                }
                TableId parent = new TableId(rs.getString(4), rs.getString(5));
                for (String[] rule :
                        List.of(
                                new String[] {"DELETE", rs.getString(6)},
                                new String[] {"UPDATE", rs.getString(7)})) {
                    if (changesRows(rule[1])) {
                        rules.add(
                                new Rule(
                                        rs.getString(2),
                                        child,
                                        rs.getString(8),
                                        parent,
                                        rs.getString(9),
                                        rule[0],
                                        rule[1]));
                    }
                }
            }
        }
        return rules;
    }

    /** Says each rule at start: a change the lake will not have unless the user acts. */
    static void report(Statement statement, List<TableId> captured) throws SQLException {
        for (Rule rule : find(statement, captured)) {
            LOG.warn("{}", rule.describe(captured));
        }
    }

    private static boolean changesRows(String action) {
        return "CASCADE".equals(action)
                || "SET NULL".equals(action)
                || "SET DEFAULT".equals(action);
    }
}

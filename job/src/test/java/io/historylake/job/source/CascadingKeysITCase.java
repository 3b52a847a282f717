package io.historylake.job.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.historylake.job.testing.LocalMariaDb;
import io.historylake.model.TableId;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foreign keys whose rules change captured rows below the binlog are found at start, one rule
 * per key and event, with both tables named; keys that only restrict are not.
 */
class CascadingKeysITCase {

    @RegisterExtension static final LocalMariaDb MYSQL = new LocalMariaDb();

    private static final TableId DEPT = new TableId("fk", "dept");
    private static final TableId EMP = new TableId("fk", "emp");
    private static final TableId NOTE = new TableId("fk", "note");

    @Test
    void cascadingAndSetNullRulesOfCapturedChildTablesAreFoundAndNamed() throws Exception {
        MYSQL.execute(
                "CREATE DATABASE fk",
                "CREATE DATABASE other",
                "CREATE TABLE fk.dept (id INT PRIMARY KEY)",
                "CREATE TABLE fk.emp (id INT PRIMARY KEY, dept INT, CONSTRAINT fk_emp_dept"
                        + " FOREIGN KEY (dept) REFERENCES fk.dept (id)"
                        + " ON DELETE CASCADE ON UPDATE SET NULL)",
                "CREATE TABLE fk.note (id INT PRIMARY KEY, emp INT, CONSTRAINT fk_note_emp"
                        + " FOREIGN KEY (emp) REFERENCES fk.emp (id))",
                "CREATE TABLE other.audit (id INT PRIMARY KEY, dept INT, CONSTRAINT fk_audit"
                        + " FOREIGN KEY (dept) REFERENCES fk.dept (id) ON DELETE SET NULL)");
        try (Connection c = MYSQL.root();
                Statement s = c.createStatement()) {
            List<TableId> captured = List.of(DEPT, EMP, NOTE);
            assertThat(CascadingKeys.find(s, captured))
                    .containsExactly(
                            new CascadingKeys.Rule(
                                    "fk_emp_dept", EMP, "dept", DEPT, "id", "DELETE", "CASCADE"),
                            new CascadingKeys.Rule(
                                    "fk_emp_dept", EMP, "dept", DEPT, "id", "UPDATE", "SET NULL"));

            List<CascadingKeys.Rule> childOnly = CascadingKeys.find(s, List.of(EMP));
            assertThat(childOnly).hasSize(2);
            assertThat(childOnly.get(0).describe(List.of(EMP)))
                    .contains(
                            "fk_emp_dept of fk.emp (dept) references fk.dept (id) ON DELETE CASCADE")
                    .contains("the lake's history of fk.emp misses those changes")
                    .contains("(fk.dept is not captured)");
        }
    }
}

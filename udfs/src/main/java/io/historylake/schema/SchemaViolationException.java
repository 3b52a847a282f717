package io.historylake.schema;

import io.historylake.model.SchemaVerdict;
import io.historylake.model.TableId;

/** A table's schema change violated the rules and its policy is {@link SchemaPolicy#FAIL}. */
public final class SchemaViolationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaViolationException(TableId table, int version, SchemaVerdict verdict) {
        super(
                "Schema change of "
                        + table.qualified()
                        + " (would be schema version "
                        + version
                        + ") violates the schema rules and the table's policy is 'fail': "
                        + verdict.violations()
                        + ". Nothing after this DDL was committed to the lake. To go on, revert the"
                        + " change in MySQL, or set --schema.policy.tables '"
                        + table.qualified().replace(".", "\\.")
                        + "=quarantine' (or =string) and restart from the last checkpoint.");
    }
}

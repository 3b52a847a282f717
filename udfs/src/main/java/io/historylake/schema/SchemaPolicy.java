package io.historylake.schema;

/**
 * What happens to a table's events once a schema change violates the rules (after Flink CDC's
 * {@code SchemaChangeBehavior}). In every mode nothing is lost.
 */
public enum SchemaPolicy {
    /** Stop the job with the verdict before anything after the DDL is committed. */
    FAIL,
    /**
     * The table's events from the violating version on go to {@code
     * <lake>/_quarantine/<db>/<table>/} with the verdict, until {@code history-lake quarantine
     * release} accepts the change; other tables keep flowing.
     */
    QUARANTINE,
    /** The violated columns land as strings in a new schema version, with the verdict recorded. */
    STRING
}

package io.historylake.model;

/**
 * A table's new schema version, as the enrichment step numbered it: the schema its rows land with,
 * the one before (null for version 1), the DDL that produced it and the schema guard's verdict.
 *
 * @param schema the table's columns at this version, as they land (violated columns as strings
 *     under the string policy)
 * @param version 1, 2, 3...
 * @param previous the landed schema of the version before, or null for version 1
 * @param ddl the last DDL statement seen for the table before this version, or null
 * @param eventTimeMicros commit time of the first row under this version
 * @param source the table's columns as MySQL reports them (the same object as {@code schema} when
 *     nothing lands as a string)
 * @param verdict the schema guard's findings ({@link SchemaVerdict#NONE} when there were none)
 * @param quarantined whether this version's rows go to the quarantine instead of the lake
 */
public record SchemaVersion(
        TableSchema schema,
        int version,
        TableSchema previous,
        String ddl,
        long eventTimeMicros,
        TableSchema source,
        SchemaVerdict verdict,
        boolean quarantined)
        implements CdcEvent {

    public SchemaVersion {
        if (verdict == null) {
            throw new IllegalArgumentException("verdict: use SchemaVerdict.NONE for none");
        }
    }

    /** A first version, or a clean later one: lands as the source reports it. */
    public SchemaVersion(
            TableSchema schema, int version, TableSchema previous, String ddl, long time) {
        this(schema, version, previous, ddl, time, schema, SchemaVerdict.NONE, false);
    }

    /** This version released from the quarantine: its rows go to the lake again. */
    public SchemaVersion released() {
        return new SchemaVersion(
                schema, version, previous, ddl, eventTimeMicros, source, verdict, false);
    }

    @Override
    public BinlogPosition position() {
        return null;
    }
}

package io.historylake.model;

/**
 * A table's new schema version, as the enrichment step numbered it: the schema, the one before
 * (null for version 1) and the DDL that produced it.
 *
 * @param schema the table's columns at this version
 * @param version 1, 2, 3...
 * @param previous the schema of the version before, or null for version 1
 * @param ddl the last DDL statement seen for the table before this version, or null
 * @param eventTimeMicros commit time of the first row under this version
 */
public record SchemaVersion(
        TableSchema schema, int version, TableSchema previous, String ddl, long eventTimeMicros)
        implements CdcEvent {

    @Override
    public BinlogPosition position() {
        return null;
    }
}

package io.historylake.model;

/**
 * A DDL statement read from the binlog, immutable, like Flink CDC's schema change events.
 *
 * @param table the table the statement changes
 * @param ddl the statement as written to the binlog
 * @param eventTimeMicros commit time in microseconds since the epoch (UTC)
 * @param position binlog coordinates of the statement
 * @param newSchema the table's schema after the statement as the source parsed it, or null when it
 *     could not (the next row then brings its own schema)
 */
public record SchemaChange(
        TableId table,
        String ddl,
        long eventTimeMicros,
        BinlogPosition position,
        TableSchema newSchema)
        implements CdcEvent {}
